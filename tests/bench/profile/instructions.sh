#!/bin/bash
# Instructions per check of the editor's checker (callgrind's count, which the machine's noise
# does not move) after each kind of edit of crates/report/examples/checker_edit.rs (long: the
# browser bench's 5,000-character section with no sentence end): the count
# for N checks minus that for none, over N. Needs valgrind. Usage: instructions.sh [N]
# (default 200). To compare two commits, run it on each.
set -e
cd "$(dirname "$0")/../../.."
cargo build --release -p report --example checker_edit --quiet
bin=target/release/examples/checker_edit
n=${1:-200}
count() {
  EDIT=$1 N=$2 valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
for edit in cell overview problems long; do
  none=$(count "$edit" 0)
  some=$(count "$edit" "$n")
  echo "$edit: $(( (some - none) / n )) instructions per check"
done
