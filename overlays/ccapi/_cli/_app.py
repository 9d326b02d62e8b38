"""The `ccapi` command group: global options, the client it makes, and how errors end the process."""

from __future__ import annotations

import click

import ccapi

from . import _output
from ._settings import Settings


def _version() -> str:
    return f"ccapi {ccapi.__version__} (CCAPI spec {ccapi.API_VERSION})"


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.version_option(message=_version(), version=ccapi.__version__, prog_name="ccapi")
@click.option("--base-url", envvar="CCAPI_BASE_URL", help="API base URL [env: CCAPI_BASE_URL].")
@click.option("--api-key", envvar="CCAPI_API_KEY", help="API key [env: CCAPI_API_KEY]; never printed.")
@click.option("--timeout", type=float, help="Seconds to wait for each response.")
@click.pass_context
def cli(context: click.Context, base_url: str | None, api_key: str | None, timeout: float | None) -> None:
    """CCAPI from the terminal: the model catalog, chat, speech, images and image jobs."""
    context.obj = Settings(base_url, api_key, timeout)


def _register() -> None:
    from . import _batch, _catalog, _generate, _sandbox

    for module in (_catalog, _generate, _sandbox, _batch):
        for command in module.COMMANDS:
            cli.add_command(command)


LOG_LEVELS = ("info", "debug")


def _log_setting() -> str | None:
    """What is wrong with CCAPI_LOG, if anything (the library ignores a value it does not know, with a warning)."""
    import os

    value = os.environ.get("CCAPI_LOG", "").strip()
    if value and value.lower() not in LOG_LEVELS:
        return f"CCAPI_LOG={value!r} is not one of {', '.join(LOG_LEVELS)} (unset it for no log)"
    return None


def run(argv: list[str] | None = None) -> int:
    """Run the command line; errors become one line on stderr and a distinct exit code."""
    _register()
    wrong = _log_setting()
    if wrong is not None:
        _output.err.print(f"[bold red]error:[/] {_output.shown(wrong)}")
        return 2
    try:
        # Not standalone, click returns the code of a `click.exceptions.Exit` raised in a command.
        code = cli.main(args=argv, prog_name="ccapi", standalone_mode=False)
        if isinstance(code, int):
            return code
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.UsageError as usage:  # one line, as every other error (click's own is four)
        command = usage.ctx.command_path if usage.ctx else "ccapi"
        message, hint = _output.shown(usage.format_message()), _output.shown(f"see {command} --help")
        _output.err.print(f"[bold red]error:[/] {message} [dim]({hint})[/]")
        return usage.exit_code
    except click.ClickException as failure:
        _output.err.print(f"[bold red]error:[/] {_output.shown(failure.format_message())}")
        return failure.exit_code
    except click.exceptions.Abort:
        _output.err.print("aborted")
        return 130
    except (ccapi.CCAPIError, ValueError, TypeError, OSError) as error:
        return _output.report(error)
    return 0
