#!/usr/bin/env python3
"""Renders `perf script` output as a flame graph SVG (the format of Brendan Gregg's
flamegraph.pl: one box per frame, width = share of samples, callers below callees).

    perf script -i perf.data | bench/flamegraph.py --title "GET /api/v1/me" > me.svg
"""
import argparse
import html
import sys
from collections import defaultdict


def collapse(lines):
    """perf script text -> {"comm;root;…;leaf": samples}. perf prints a sample as a header line
    (comm pid time event) and then its frames, leaf first, one per indented line."""
    stacks = defaultdict(int)
    comm, frames = None, []

    def flush():
        if comm is not None and frames:
            stacks[";".join([comm] + list(reversed(frames)))] += 1

    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            flush()
            comm, frames = None, []
        elif not line.startswith((" ", "\t")):
            flush()
            comm, frames = line.split()[0], []
        else:
            parts = line.strip().split(None, 1)
            symbol = (parts[1] if len(parts) > 1 else parts[0]).split(" (")[0].split("+0x")[0]
            frames.append(symbol)
    flush()
    return stacks


def build_tree(stacks):
    tree = {"name": "all", "value": 0, "children": {}}
    for stack, count in stacks.items():
        node = tree
        node["value"] += count
        for frame in stack.split(";"):
            child = node["children"].setdefault(frame, {"name": frame, "value": 0, "children": {}})
            child["value"] += count
            node = child
    return tree


def color(name):
    h = 0
    for c in name:
        h = (h * 31 + ord(c)) & 0xFFFFFFFF
    if "[k]" in name or name.startswith(("__x64", "do_syscall", "entry_SYSCALL")):
        return f"rgb({200 + h % 40},{120 + h % 60},{40 + h % 40})"
    return f"rgb({220 + h % 35},{90 + h % 110},{30 + h % 40})"


def render(tree, title, width=1200, row=16):
    total = tree["value"] or 1
    boxes = []

    def depth_of(node, depth=0):
        return max([depth] + [depth_of(c, depth + 1) for c in node["children"].values()])

    max_depth = depth_of(tree)
    height = (max_depth + 1) * row + 40

    def walk(node, x, depth):
        w = node["value"] / total * (width - 20)
        if w < 1.0:  # narrower than a pixel: left out (keeps the file small)
            return
        y = height - (depth + 1) * row - 10
        label = node["name"]
        share = 100.0 * node["value"] / total
        text = label if len(label) * 6.5 < w else (label[: max(0, int(w / 6.5) - 2)] + ".." if w > 20 else "")
        boxes.append(
            f'<g><title>{html.escape(label)} ({node["value"]} samples, {share:.2f}%)</title>'
            f'<rect x="{x + 10:.1f}" y="{y}" width="{w:.1f}" height="{row - 1}" fill="{color(label)}" rx="2"/>'
            f'<text x="{x + 13:.1f}" y="{y + row - 4}">{html.escape(text)}</text></g>'
        )
        cx = x
        for child in sorted(node["children"].values(), key=lambda c: c["name"]):
            walk(child, cx, depth + 1)
            cx += child["value"] / total * (width - 20)

    walk(tree, 0, 0)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'font-family="monospace" font-size="11">'
        f'<rect width="100%" height="100%" fill="#fafafa"/>'
        f'<text x="10" y="20" font-size="14">{html.escape(title)} — {tree["value"]} samples</text>'
        + "".join(boxes)
        + "</svg>\n"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--title", default="flame graph")
    args = parser.parse_args()
    sys.stdout.write(render(build_tree(collapse(sys.stdin)), args.title))


if __name__ == "__main__":
    main()
