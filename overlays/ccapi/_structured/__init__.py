"""Typed answers, without I/O: the strict JSON schema of a type (`_schema`), what an answer's text holds
(`_extract`), the parsed completion types and their building (`_parsed`), and the repair of an answer that does not
validate (`_repair`). The calls that send (`parse`, `stream`, `run_tools`) are in `ccapi._chat_helpers`.

pydantic is imported by these modules, which load only when typed answers or tools are used: `import ccapi` does not
import them.
"""
