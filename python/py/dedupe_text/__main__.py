"""``python -m dedupe_text COMMAND ...``: ``ray-clean`` (see :mod:`dedupe_text.ray_clean`)."""

import sys


def main() -> int:
    args = sys.argv[1:]
    if not args or args[0] in ("-h", "--help"):
        print("usage: python -m dedupe_text ray-clean INPUT.jsonl... --output DIR [options]")
        return 0 if args else 2
    if args[0] == "ray-clean":
        from .ray_clean import main as ray_clean

        return ray_clean(args[1:])
    print(f"python -m dedupe_text: unknown command {args[0]!r} (known: ray-clean)", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
