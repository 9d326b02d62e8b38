// Model ids are `provider/model` (`openai/gpt-4o-mini`). One without its provider is refused before anything is
// sent, with the id it most likely means, guessed from the model families each provider is known by (no network).

const MODEL_ID = /^[^/\s]+\/\S+$/;

// The start of a model's own name, and the provider that serves that family through CCAPI.
const FAMILIES: readonly (readonly [RegExp, string])[] = [
  [/^(gpt-|chatgpt|o\d|dall-e|tts-|whisper|text-embedding|sora|gpt\d)/i, "openai"],
  [/^claude/i, "anthropic"],
  [/^(gemini|gemma|imagen|veo)/i, "google"],
  [/^deepseek/i, "deepseek"],
  [/^eleven/i, "elevenlabs"],
  [/^(stable-diffusion|sdxl|sd3)/i, "stabilityai"],
  [/^(gen-\d|world-)/i, "runway"],
  [/^midjourney/i, "imaginepro"],
  [/^(mistral|mixtral|codestral)/i, "mistral"],
  [/^llama/i, "meta"],
];

/** The provider-qualified id `id` most likely means, or null when no known family starts it. */
export function suggestedModelId(id: string): string | null {
  const provider = FAMILIES.find(([family]) => family.test(id))?.[1];
  return provider === undefined ? null : `${provider}/${id}`;
}

/** Throw a TypeError naming `name` unless `value` is a `provider/model` id (the spec's pattern). */
export function checkModelId(name: string, value: unknown): void {
  if (typeof value !== "string") {
    throw new TypeError(`${name} must be a model id, as 'provider/model' (got ${typeof value})`);
  }
  if (MODEL_ID.test(value)) return;
  const guess = suggestedModelId(value.trim());
  const hint = guess === null ? "e.g. 'openai/gpt-4o-mini'" : `did you mean '${guess}'?`;
  throw new TypeError(`${name} must be 'provider/model', naming its provider (got '${value}'): ${hint}`);
}

/** Check the model ids among a request's fields: `fields` name those that hold one id or a list of them. */
export function checkModelIds(body: Record<string, unknown>, fields: readonly string[]): void {
  for (const field of fields) {
    const value = body[field];
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) value.forEach((item, index) => checkModelId(`${field}[${index}]`, item));
    else checkModelId(field, value);
  }
}
