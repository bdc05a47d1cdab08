//! Writing to the terminal: text from files never carries control characters or escape
//! sequences to it (they are shown escaped), and a closed stdout or stderr (`| head`) ends
//! the program quietly instead of panicking.

use std::borrow::Cow;
use std::io::{self, Write};

/// Text from a file, safe to print: control characters (C0, DEL, C1, so every terminal
/// escape sequence) and the bidirectional overrides that can make a line read differently
/// from what it is are shown as `\u{…}`.
pub(crate) fn safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        if needs_escape(ch) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(ch)));
        } else {
            out.push(ch);
        }
    }
    Cow::Owned(out)
}

fn needs_escape(ch: char) -> bool {
    ch.is_control() || matches!(ch, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Why writing the output stopped.
pub(crate) enum WriteError {
    /// The reader went away (`| head`): not an error worth a word.
    Closed,
    /// Anything else (disk full, permission): said on stderr.
    Failed(io::Error),
}

impl From<io::Error> for WriteError {
    fn from(error: io::Error) -> WriteError {
        if error.kind() == io::ErrorKind::BrokenPipe {
            WriteError::Closed
        } else {
            WriteError::Failed(error)
        }
    }
}

/// Writes bytes to stdout and flushes.
pub(crate) fn stdout(bytes: &[u8]) -> Result<(), WriteError> {
    let mut stdout = io::stdout().lock();
    stdout.write_all(bytes)?;
    stdout.flush()?;
    Ok(())
}

/// One line on stderr, made safe; a closed stderr is ignored.
pub(crate) fn say(line: &str) {
    let _ = writeln!(io::stderr().lock(), "nianbao: {}", safe(line));
}

/// A line on stderr without the program's name (lists of notes), made safe.
pub(crate) fn note(line: &str) {
    let _ = writeln!(io::stderr().lock(), "{}", safe(line));
}

/// Where a command writes its output: `-o FILE`, or stdout when absent or `-`. Refuses a
/// file that is the command's own input (`render x.json -o x.json` would destroy it).
pub(crate) fn destination<'a>(
    output: Option<&'a str>,
    input: &str,
) -> Result<Option<&'a str>, String> {
    match output.filter(|output| *output != "-") {
        Some(output) if crate::files::same_file(output, input) => Err(format!(
            "{output}: refusing to write the output over its own input {input}"
        )),
        other => Ok(other),
    }
}

/// Writes the output to its destination; a closed stdout is not an error.
pub(crate) fn write_to(destination: Option<&str>, bytes: &[u8]) -> Result<(), String> {
    match destination {
        Some(path) => std::fs::write(path, bytes).map_err(|error| format!("{path}: {error}")),
        None => match stdout(bytes) {
            Ok(()) | Err(WriteError::Closed) => Ok(()),
            Err(WriteError::Failed(error)) => Err(error.to_string()),
        },
    }
}
