"""The ``tandem`` command: demo, serve, import, export, and every manage.py command."""

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path


def _setup(*, mode: str | None = None, data_dir: str | None = None) -> None:
    if data_dir:
        os.environ["TANDEM_DATA_DIR"] = str(Path(data_dir).expanduser().resolve())
    if mode:
        os.environ["TANDEM_MODE"] = mode
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
    import django

    django.setup()


def _serve(*, host: str, port: int, threads: int) -> None:
    from waitress import serve

    from tandem.wsgi import application

    print(f"Tandem is serving on http://{host}:{port}/ (Ctrl+C stops it).", flush=True)
    serve(application, host=host, port=port, threads=threads, ident="Tandem")


def demo(args: argparse.Namespace) -> None:
    _setup(data_dir=args.data_dir)
    from django.conf import settings
    from django.core.management import call_command

    os.environ.setdefault("TANDEM_SITE_URL", f"http://127.0.0.1:{args.port}")
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo")
    print(f"Data directory: {settings.DATA_DIR}")
    print(f"E-mails are written to: {settings.EMAIL_DIR}")
    from tandem.matching.tasks import rebuild_index

    # Encodes what is missing in the background: pages never wait for it.
    rebuild_index.enqueue()
    if args.no_serve:
        print("Suggestions are encoded by `tandem manage db_worker --batch`.")
        return
    worker = _start_worker() if settings.TANDEM_TASKS_BACKEND == "database" else None
    # Stopping the demo with SIGTERM stops its worker too (the finally below).
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(0))
    try:
        _serve(host="127.0.0.1", port=args.port, threads=8)
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=10)


def _start_worker() -> "subprocess.Popen[bytes]":
    """The background task worker (encoding for suggestions), as a child process."""
    print("Background worker started (encodes profiles for suggestions).", flush=True)
    command = [sys.executable, "-m", "tandem.cli", "manage", "db_worker"]
    return subprocess.Popen([*command, "--no-reload", "--verbosity", "0"])


def serve(args: argparse.Namespace) -> None:
    _setup(mode=os.environ.get("TANDEM_MODE", "production"))
    from django.core.management import call_command

    if args.migrate:
        call_command("migrate", interactive=False)
    call_command("check", deploy=True, fail_level="WARNING")
    _serve(host=args.host, port=args.port, threads=args.threads)


def run_manage(argv: list[str]) -> None:
    _setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["tandem manage", *argv])


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(
        prog="tandem",
        description="Tandem, the partnership platform for partner cities.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("demo", help="set up the demo data and serve it locally")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--data-dir", help="folder for the SQLite database and files")
    p.add_argument("--no-serve", action="store_true", help="load the data and stop")
    p.set_defaults(func=demo)

    p = commands.add_parser(
        "serve", help="production server (settings from the environment)"
    )
    p.add_argument("--host", default=os.environ.get("TANDEM_HOST", "127.0.0.1"))
    p.add_argument(
        "--port", type=int, default=int(os.environ.get("TANDEM_PORT", "8000"))
    )
    p.add_argument(
        "--threads", type=int, default=int(os.environ.get("TANDEM_THREADS", "8"))
    )
    p.add_argument("--migrate", action="store_true", help="apply migrations first")
    p.set_defaults(func=serve)

    p = commands.add_parser(
        "suggest",
        help="suggested partners: ORG_SLUG | --all [--top K] [--format jsonl|csv] "
        "[--explain]",
        add_help=False,
    )
    p.set_defaults(func=None, manage_command="suggest")

    for name, command in (("import", "import_records"), ("export", "export_records")):
        p = commands.add_parser(
            name, help=f"{name} organisations or opportunities", add_help=False
        )
        p.set_defaults(func=None, manage_command=command)

    commands.add_parser("manage", help="any manage.py command", add_help=False)

    if argv and argv[0] == "manage":
        run_manage(argv[1:])
        return
    if argv and argv[0] == "suggest":
        run_manage(["suggest", *argv[1:]])
        return
    if argv and argv[0] in {"import", "export"}:
        command = "import_records" if argv[0] == "import" else "export_records"
        run_manage([command, *argv[1:]])
        return
    args = parser.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
