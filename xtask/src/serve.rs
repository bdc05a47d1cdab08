//! `cargo xtask serve`: builds the release app and serves dist/ on 127.0.0.1 with a tiny
//! static file server (no dev server, so what is served is exactly what ships).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::thread;

use crate::{dist, setup};

/// Default port; `--port N` or the PORT variable overrides it.
const DEFAULT_PORT: u16 = 8080;

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let port = port_from(args)?;
    setup::run()?;
    let dist = dist::build()?;
    let listener = bind(port)?;
    println!("Nianbao is served at http://127.0.0.1:{port}/ (Ctrl+C stops it)");
    serve_forever(listener, dist);
    Ok(())
}

fn port_from(args: &[String]) -> Result<u16, String> {
    let mut port = match std::env::var("PORT") {
        Ok(text) => text
            .parse()
            .map_err(|_| format!("PORT={text} is not a port number"))?,
        Err(_) => DEFAULT_PORT,
    };
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--port" => {
                let text = iter.next().ok_or("--port needs a number")?;
                port = text
                    .parse()
                    .map_err(|_| format!("--port {text} is not a port number"))?;
            }
            other => return Err(format!("serve: unknown option {other}")),
        }
    }
    Ok(port)
}

/// Binds 127.0.0.1:port (port 0 picks a free one).
pub(crate) fn bind(port: u16) -> Result<TcpListener, String> {
    TcpListener::bind(("127.0.0.1", port))
        .map_err(|err| format!("cannot listen on 127.0.0.1:{port}: {err}"))
}

/// Serves files below `dist` until the process ends; one thread per connection.
pub(crate) fn serve_forever(listener: TcpListener, dist: PathBuf) {
    for stream in listener.incoming().flatten() {
        let dist = dist.clone();
        thread::spawn(move || {
            let _ = handle(stream, &dist);
        });
    }
}

fn handle(mut stream: TcpStream, dist: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Drain the headers; nothing in them matters for a static server.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let file = resolve(dist, path);
    let (status, body, mime) = match file.and_then(|f| std::fs::read(&f).ok().map(|b| (f, b))) {
        Some((file, body)) => ("200 OK", body, mime_type(&file)),
        None => (
            "404 Not Found",
            b"not found".to_vec(),
            "text/plain; charset=utf-8",
        ),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(&body)?;
    }
    stream.flush()
}

/// Maps a URL path to a file below `dist`, refusing anything that climbs out of it.
fn resolve(dist: &Path, url_path: &str) -> Option<PathBuf> {
    let mut file = dist.to_path_buf();
    for segment in url_path.split('/').filter(|s| !s.is_empty()) {
        if segment == ".." || segment.contains('\\') {
            return None;
        }
        file.push(segment);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

fn mime_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}
