# Profiling aid for issue 15: reads a .cpuprofile written by cpu.mjs.
#   profile.py FILE self [FILTER] [N]     self and inclusive time per function (names with FILTER)
#   profile.py FILE under ROOT PICK       under frames matching ROOT, the time of each first frame
#                                         below them matching PICK (regular expressions)
#   profile.py FILE callers PATTERN [D]   who calls the functions matching PATTERN: stacks of up
#                                         to D callers, wasm-bindgen glue left out
import collections
import json
import re
import signal
import sys

signal.signal(signal.SIGPIPE, signal.SIG_DFL)


def load(path):
    """The profile's nodes by id, each node's parent, and the time spent in each (µs)."""
    profile = json.load(open(path))
    nodes = {node['id']: node for node in profile['nodes']}
    parent = {child: node['id'] for node in profile['nodes'] for child in node.get('children', [])}
    time = collections.Counter()
    for sample, delta in zip(profile['samples'], profile['timeDeltas'][1:] + [0]):
        time[sample] += delta
    return nodes, parent, time


def name(node):
    frame = node['callFrame']
    return frame['functionName'] or f"({frame['url'].split('/')[-1]}:{frame['lineNumber']})"


def short(text, width=150):
    text = re.sub(r'17h[0-9a-f]{16}E', '', text)
    return re.sub(r'::h[0-9a-f]{16}', '', text)[:width]


def chain(nodes, parent, node_id):
    """The names from the root down to `node_id`."""
    names = []
    while node_id is not None:
        names.append(name(nodes[node_id]))
        node_id = parent.get(node_id)
    return names[::-1]


def own_and_inclusive(nodes, parent, time, wanted, count):
    own, inclusive = collections.Counter(), collections.Counter()
    for node_id, spent in time.items():
        names = chain(nodes, parent, node_id)
        own[names[-1]] += spent
        for each in set(names):
            inclusive[each] += spent
    print(f"total {sum(time.values()) / 1000:.1f} ms")
    for title, table in (('self', own), ('inclusive', inclusive)):
        print(f"== {title}")
        for each, spent in table.most_common(count):
            if wanted in each:
                print(f"{spent / 1000:8.1f} {short(each)}")


def under(nodes, parent, time, root, pick):
    found, total = collections.Counter(), 0
    for node_id, spent in time.items():
        names = chain(nodes, parent, node_id)
        at = next((i for i, each in enumerate(names) if re.search(root, each)), None)
        if at is None:
            continue
        total += spent
        first = next((each for each in names[at + 1:] if re.search(pick, each)), f"(none: {names[-1][:60]})")
        found[short(first)] += spent
    print(f"total {total / 1000:.1f} ms")
    for each, spent in found.most_common(30):
        print(f"{spent / 1000:7.1f} {each}")


GLUE = re.compile(r'shim|wasm-to-js|js-to-wasm|invoke|call_once|vtable|__wbg|__wbindgen|getStringFromWasm|\(nianbao')


def callers(nodes, parent, time, pattern, depth):
    stacks = collections.Counter()
    for node_id, spent in time.items():
        if not re.search(pattern, name(nodes[node_id])):
            continue
        names = [each for each in chain(nodes, parent, node_id)[-2::-1] if not GLUE.search(each)]
        stacks[' <- '.join(short(each, 110) for each in names[:depth])] += spent
    for stack, spent in stacks.most_common(12):
        print(f"{spent / 1000:7.1f} {stack}\n")


if __name__ == '__main__':
    path, command, *rest = sys.argv[1:]
    profile = load(path)
    if command == 'self':
        own_and_inclusive(*profile, rest[0] if rest else '', int(rest[1]) if len(rest) > 1 else 40)
    elif command == 'under':
        under(*profile, rest[0], rest[1])
    elif command == 'callers':
        callers(*profile, rest[0], int(rest[1]) if len(rest) > 1 else 8)
    else:
        sys.exit(f"unknown command {command}: self, under or callers")
