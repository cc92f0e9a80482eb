#!/usr/bin/env python3
"""Lists C++ function bodies longer than a limit (default 80 lines), for the house rule in
ARCHITECTURE.md. A heuristic, not a parser: it strips comments, strings and character literals,
tracks braces, and treats a '{' whose preceding text ends in ')' (optionally followed by const,
noexcept, override, a trailing return type or a ctor-initialiser list) as the start of a function.
Lambdas count as part of the function they are in. Exit 1 when any function is too long."""
import re
import sys

def strip(text):
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('//', i):
            j = text.find('\n', i)
            i = n if j < 0 else j
        elif text.startswith('/*', i):
            j = text.find('*/', i + 2)
            out.append('\n' * text.count('\n', i, n if j < 0 else j))
            i = n if j < 0 else j + 2
        elif text.startswith('R"', i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == '_')):
            m = re.match(r'R"([^(]*)\(', text[i:])
            end = text.find(')' + m.group(1) + '"', i) if m else -1
            if end < 0:
                out.append(c); i += 1; continue
            out.append('""' + '\n' * text.count('\n', i, end))
            i = end + len(m.group(1)) + 2
        elif c in '"\'':
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == '\\' else 1
            out.append(c + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return ''.join(out)

HEAD = re.compile(r'\)\s*(const|noexcept|override|final|mutable|->\s*[\w:<>,\s*&]+|\s)*$|\)\s*:\s*[\w:]+[({][^;]*$')
KEYWORDS = re.compile(r'\b(if|for|while|switch|catch|return)\s*\($')

def functions(path):
    text = strip(open(path, encoding='utf-8', errors='replace').read())
    stack = []  # (is_function, start_line)
    line = 1
    last = 0
    found = []
    for i, c in enumerate(text):
        if c == '\n':
            line += 1
        elif c == '{':
            before = text[last:i]
            head = before.rstrip()
            is_fn = bool(HEAD.search(head)) and not KEYWORDS.search(head[: head.rfind(')') + 1].split('(')[0] + '(')
            inside_fn = any(f for f, _ in stack)
            start = line - head[head.rfind(';') + 1 if ';' in head else 0:].count('\n') if is_fn else line
            stack.append((is_fn and not inside_fn, line))
            last = i + 1
        elif c == '}':
            if stack:
                is_fn, start = stack.pop()
                if is_fn:
                    found.append((start, line - start + 1))
            last = i + 1
        elif c == ';':
            last = i + 1
    return found

def main():
    limit = 80
    args = sys.argv[1:]
    if args and args[0].startswith('--limit='):
        limit = int(args.pop(0).split('=', 1)[1])
    bad = 0
    for path in args:
        for start, length in functions(path):
            if length > limit:
                print(f'{path}:{start}: function body of {length} lines (limit {limit})')
                bad += 1
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main())
