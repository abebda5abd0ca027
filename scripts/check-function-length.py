#!/usr/bin/env python3
"""Fails when a function outside tests/ is longer than LIMIT lines (default 80), naming the file,
the line where its body opens and its length. Small functions are a rule of the code base
(docs/ARCHITECTURE.md); this keeps it true.

Usage: scripts/check-function-length.py [--limit N] [ROOT]

A function is a brace block opened right after a closing parenthesis (and qualifiers) at
namespace or class scope; lambdas and blocks inside a function count toward it. Comments,
strings and character literals are blanked first, so braces in them do not count.
"""
import argparse
import pathlib
import re
import sys

SKIP = {"build", "node_modules", ".git", "tests"}


def blank(src: str) -> str:
    keep_lines = lambda m: "\n" * m.group(0).count("\n")
    src = re.sub(r"//[^\n]*", "", src)
    src = re.sub(r"/\*.*?\*/", keep_lines, src, flags=re.S)
    src = re.sub(r'R"([^(]*)\((.*?)\)\1"', lambda m: '""' + keep_lines(m), src, flags=re.S)
    src = re.sub(r'"(\\.|[^"\\\n])*"', '""', src)
    return re.sub(r"'(\\.|[^'\\\n])*'", "''", src)


def long_functions(path: pathlib.Path, limit: int):
    src = blank(path.read_text(errors="replace"))
    stack, line, head = [], 1, ""
    for ch in src:
        if ch == "\n":
            line += 1
        if ch == "{":
            tail = head[-300:]
            kind = "block"
            if re.search(r"\bnamespace\b[^;{}]*$", tail) or re.search(r'\bextern\s*""\s*$', tail):
                kind = "scope"
            elif re.search(r"\b(class|struct|union|enum)\b[^;{}()]*$", tail):
                kind = "scope"
            elif re.search(r"\)\s*(const|noexcept|override|final|->[^{;]*|\s)*$", tail) and all(
                k == "scope" for k, _ in stack
            ):
                kind = "function"
            stack.append((kind, line))
            head = ""
        elif ch == "}":
            if stack:
                kind, start = stack.pop()
                if kind == "function" and line - start + 1 > limit:
                    yield start, line - start + 1
            head = ""
        elif ch == ";":
            head = ""
        else:
            head += ch


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=80)
    parser.add_argument("root", nargs="?", default=pathlib.Path(__file__).resolve().parent.parent)
    args = parser.parse_args()
    root = pathlib.Path(args.root)
    found = 0
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if path.suffix not in (".cpp", ".hpp") or SKIP.intersection(rel.parts[:-1]):
            continue
        for start, length in long_functions(path, args.limit):
            print(f"{rel}:{start}: a function of {length} lines (at most {args.limit})")
            found += 1
    if found:
        print(f"check-function-length: {found} function(s) too long", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
