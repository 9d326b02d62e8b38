// Type tests, checked with `tsc --strict --noEmit` against the installed package (nox -s typescript): what the
// compiler infers for parsed answers and tool arguments from zod schemas. Never run; a wrong inference fails the build.
import { CCAPI, type ChatCompletionStream, type ParsedChatCompletion } from "ccapi-sdk";
import { zodFunction, zodResponseFormat } from "ccapi-sdk/helpers/zod";
import { z } from "zod";

/** True only when A and B are the same type (not merely assignable one way). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<A, B>(check: Equal<A, B>): void {
  void check;
}

const client = new CCAPI({ apiKey: "sk-types" });
const MathAnswer = z.object({
  steps: z.array(z.object({ explanation: z.string(), output: z.string() })),
  final_answer: z.string(),
  confidence: z.number().nullable(),
});
type MathAnswer = { steps: { explanation: string; output: string }[]; final_answer: string; confidence: number | null };

export async function parsedIsInferred(): Promise<void> {
  const completion = await client.chat.completions.parse({
    model: "openai/gpt-4o-mini",
    messages: [{ role: "user", content: "solve 8x + 31 = 2" }],
    response_format: zodResponseFormat(MathAnswer, "math_answer"),
  });
  expectType<typeof completion, ParsedChatCompletion<MathAnswer>>(true);
  const message = completion.choices[0]?.message;
  expectType<typeof message.parsed, MathAnswer | null>(true);
  expectType<typeof message.refusal, string | null>(true);
  if (message?.parsed) {
    expectType<typeof message.parsed.final_answer, string>(true);
    // @ts-expect-error: the schema has no such field
    void message.parsed.finalAnswer;
  }
  // Without a zod format there is nothing to type the answer by.
  const plain = await client.chat.completions.parse({ model: "m", messages: [{ role: "user", content: "hi" }] });
  expectType<(typeof plain.choices)[number]["message"]["parsed"], unknown>(true);
}

export async function streamIsTyped(): Promise<void> {
  const stream = client.chat.completions.stream({
    model: "openai/gpt-4o-mini",
    messages: [{ role: "user", content: "hi" }],
    response_format: zodResponseFormat(MathAnswer, "math_answer"),
  });
  expectType<typeof stream, ChatCompletionStream<MathAnswer>>(true);
  stream.on("content.done", (event) => {
    expectType<typeof event.parsed, MathAnswer | null>(true);
  });
  // @ts-expect-error: not an event of the stream
  stream.on("content.finished", () => undefined);
  const final = await stream.finalChatCompletion();
  expectType<(typeof final.choices)[number]["message"]["parsed"], MathAnswer | null>(true);
}

export async function toolArgumentsAreTyped(): Promise<void> {
  const weather = zodFunction({
    name: "get_weather",
    parameters: z.object({ city: z.string(), units: z.enum(["c", "f"]) }),
    function: (args) => {
      expectType<typeof args, { city: string; units: "c" | "f" }>(true);
      return `${args.city}: 21${args.units}`;
    },
  });
  const runner = client.chat.completions.runTools({
    model: "openai/gpt-4o-mini",
    messages: [{ role: "user", content: "weather in Paris?" }],
    tools: [weather],
    maxSteps: 3,
  });
  await runner.done();
  expectType<Awaited<ReturnType<typeof runner.finalContent>>, string | null>(true);
}
