//! `cargo xtask serve`: builds the release app and serves dist/ on 127.0.0.1 as production
//! should: the precompressed `.br`/`.gz` copies when the browser accepts them, the right MIME
//! types (`application/wasm` for streaming compilation), long-lived caching for hashed
//! assets and revalidation for `index.html` and `sw.js`, over HTTP/1.1 with kept-alive
//! connections (request heads parsed by `httparse`).

use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, UNIX_EPOCH};

use crate::{dist, setup};

/// Default port; `--port N` or the PORT variable overrides it.
const DEFAULT_PORT: u16 = 8080;

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let port = port_from(args)?;
    setup::run(setup::Need::Build)?;
    let dist = dist::build()?;
    let server = bind(port)?;
    println!("Nianbao is served at http://127.0.0.1:{port}/ (Ctrl+C stops it)");
    serve_forever(server, dist);
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

/// What to send back: status, headers and the file to send (or a short text body).
#[derive(Debug, PartialEq)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) body: Body,
    /// HEAD: the headers of a GET, no body.
    pub(crate) head_only: bool,
}

#[derive(Debug, PartialEq)]
pub(crate) enum Body {
    File(PathBuf),
    Text(&'static str),
    Empty,
}

/// A listening socket on 127.0.0.1: `bind` opens it, `serve_forever` answers on it.
pub(crate) struct Server(TcpListener);

/// Listens on 127.0.0.1:port (port 0 picks a free one).
pub(crate) fn bind(port: u16) -> Result<Server, String> {
    TcpListener::bind(("127.0.0.1", port))
        .map(Server)
        .map_err(|err| format!("cannot listen on 127.0.0.1:{port}: {err}"))
}

/// The port a server listens on.
pub(crate) fn port_of(server: &Server) -> Result<u16, String> {
    server
        .0
        .local_addr()
        .map(|addr| addr.port())
        .map_err(|err| format!("the server has no address: {err}"))
}

/// Serves files below `dist` until the process ends, one thread per connection, so no
/// connection ever waits for another. (tiny_http 0.12, used before, handed connections to a
/// thread pool that could lose a wakeup: in a burst of new connections, as a browser opens
/// for a page's assets, one could stay unanswered for as long as the others were kept
/// alive. That was the e2e tests' stalled first load; the test
/// `a_burst_of_kept_alive_connections_is_answered_at_once` fails on it.)
pub(crate) fn serve_forever(server: Server, dist: PathBuf) {
    for stream in server.0.incoming() {
        let Ok(stream) = stream else {
            // A connection that failed before it was accepted concerns no one; but when the
            // process is out of file descriptors every accept fails at once, so wait for
            // some to close rather than spin.
            thread::sleep(Duration::from_millis(10));
            continue;
        };
        let dist = dist.clone();
        thread::spawn(move || {
            // The browser may have gone away; nothing to do about it.
            let _ = serve_connection(stream, &dist);
        });
    }
}

/// How long a kept-alive connection may stay idle before it is closed.
const IDLE: Duration = Duration::from_secs(120);

/// The most a request's line and headers may take.
const MAX_HEAD: usize = 16 * 1024;

/// Answers the requests of one connection in turn until the browser closes it, asks to
/// close it, or leaves it idle past `IDLE`.
fn serve_connection(stream: TcpStream, dist: &Path) -> io::Result<()> {
    stream.set_read_timeout(Some(IDLE))?;
    // Each reply is written whole; nothing is gained by holding back its last segment.
    stream.set_nodelay(true)?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    loop {
        let request = match read_request(&mut reader)? {
            None => return Ok(()),
            Some(Ok(request)) => request,
            Some(Err(status)) => {
                let reply = Reply {
                    status,
                    headers: vec![("Content-Type", "text/plain; charset=utf-8".into())],
                    body: Body::Text("bad request"),
                    head_only: false,
                };
                return write_reply(&mut writer, &reply, false);
            }
        };
        let reply = answer(dist, &request.method, &request.target, &request.headers);
        write_reply(&mut writer, &reply, request.keep_alive)?;
        if !request.keep_alive {
            return Ok(());
        }
    }
}

/// One request's head, as `answer` needs it.
#[derive(Debug, PartialEq)]
struct RequestHead {
    method: String,
    target: String,
    /// Field names in lower case.
    headers: Vec<(String, String)>,
    keep_alive: bool,
}

/// Reads the next request's head and skips any body it announces. `None` when the
/// connection ended (or stayed idle) before a request began; `Some(Err(status))` for a
/// request this server will not read: malformed, too large, or with a chunked body.
fn read_request(reader: &mut impl BufRead) -> io::Result<Option<Result<RequestHead, u16>>> {
    let mut head = Vec::new();
    loop {
        let available = match reader.fill_buf() {
            Ok(bytes) => bytes,
            Err(err) if head.is_empty() && is_idle_end(&err) => return Ok(None),
            Err(err) => return Err(err),
        };
        if available.is_empty() {
            return Ok(None);
        }
        let before = head.len();
        head.extend_from_slice(available);
        let mut fields = [httparse::EMPTY_HEADER; 64];
        let mut request = httparse::Request::new(&mut fields);
        match request.parse(&head) {
            Ok(httparse::Status::Complete(length)) if length > MAX_HEAD => {
                return Ok(Some(Err(431)));
            }
            Ok(httparse::Status::Complete(length)) => {
                // Only the head is consumed: a pipelined next request stays in the reader.
                reader.consume(length - before);
                let parsed = RequestHead::from(&request);
                if field(&parsed.headers, "transfer-encoding").is_some() {
                    return Ok(Some(Err(411)));
                }
                match field(&parsed.headers, "content-length").map(str::parse::<u64>) {
                    Some(Ok(length)) => {
                        io::copy(&mut reader.take(length), &mut io::sink())?;
                    }
                    Some(Err(_)) => return Ok(Some(Err(400))),
                    None => {}
                }
                return Ok(Some(Ok(parsed)));
            }
            Ok(httparse::Status::Partial) if head.len() <= MAX_HEAD => {
                reader.consume(head.len() - before);
            }
            Ok(httparse::Status::Partial) => return Ok(Some(Err(431))),
            Err(_) => return Ok(Some(Err(400))),
        }
    }
}

/// The value of the request header `name` (lower case, as `headers` holds the names).
fn field<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(field, _)| field == name)
        .map(|(_, value)| value.as_str())
}

/// A read that ended because the browser closed the connection or left it idle.
fn is_idle_end(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::WouldBlock
            | io::ErrorKind::TimedOut
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionAborted
    )
}

impl From<&httparse::Request<'_, '_>> for RequestHead {
    fn from(request: &httparse::Request<'_, '_>) -> Self {
        let headers: Vec<(String, String)> = request
            .headers
            .iter()
            .map(|field| {
                (
                    field.name.to_ascii_lowercase(),
                    String::from_utf8_lossy(field.value).trim().to_string(),
                )
            })
            .collect();
        let connection = field(&headers, "connection")
            .unwrap_or_default()
            .to_ascii_lowercase();
        // HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 only when asked to.
        let keep_alive = if request.version == Some(1) {
            !connection.contains("close")
        } else {
            connection.contains("keep-alive")
        };
        RequestHead {
            method: request.method.unwrap_or("").to_string(),
            target: request.path.unwrap_or("/").to_string(),
            headers,
            keep_alive,
        }
    }
}

/// Writes a reply: status line, headers, a `Content-Length` (the browser then knows the
/// wasm's size up front; a HEAD gets the length its GET would send), and the body unless the
/// request was a HEAD.
fn write_reply(writer: &mut impl Write, reply: &Reply, keep_alive: bool) -> io::Result<()> {
    let (length, mut file) = match &reply.body {
        Body::File(path) => {
            let file = std::fs::File::open(path)?;
            (file.metadata()?.len(), Some(file))
        }
        Body::Text(text) => (text.len() as u64, None),
        Body::Empty => (0, None),
    };
    let mut head = format!("HTTP/1.1 {} {}\r\n", reply.status, reason(reply.status));
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    // A 304 has no body; a length there would have to be that of the 200 it stands for.
    if reply.status != 304 {
        head.push_str(&format!("Content-Length: {length}\r\n"));
    }
    let connection = if keep_alive { "keep-alive" } else { "close" };
    head.push_str(&format!("Connection: {connection}\r\n\r\n"));
    let mut out = BufWriter::new(writer);
    out.write_all(head.as_bytes())?;
    if !reply.head_only {
        match (&reply.body, file.as_mut()) {
            (_, Some(file)) => {
                io::copy(file, &mut out)?;
            }
            (Body::Text(text), None) => out.write_all(text.as_bytes())?,
            _ => {}
        }
    }
    out.flush()
}

/// The reason phrase of the statuses this server sends.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        304 => "Not Modified",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        411 => "Length Required",
        431 => "Request Header Fields Too Large",
        _ => "Error",
    }
}

/// Decides the reply to one request (`asked`: its headers, names in lower case): pure, so it
/// is tested without sockets.
pub(crate) fn answer(dist: &Path, method: &str, url: &str, asked: &[(String, String)]) -> Reply {
    let head_only = method == "HEAD";
    if !matches!(method, "GET" | "HEAD") {
        return Reply {
            status: 405,
            headers: vec![("Allow", "GET, HEAD".into())],
            body: Body::Text("method not allowed"),
            head_only,
        };
    }
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let Some((file, name)) = resolve(dist, path) else {
        return Reply {
            status: 404,
            headers: vec![
                ("Content-Type", "text/plain; charset=utf-8".into()),
                ("Cache-Control", "no-cache".into()),
            ],
            body: Body::Text("not found"),
            head_only,
        };
    };
    let mut headers = vec![
        ("Content-Type", mime_type(&name).to_string()),
        ("Cache-Control", cache_control(&name).to_string()),
        ("X-Content-Type-Options", "nosniff".into()),
    ];
    let (sent, encoding) = pick_encoding(&file, field(asked, "accept-encoding").unwrap_or(""));
    if crate::compress::is_compressible(&name) {
        headers.push(("Vary", "Accept-Encoding".into()));
    }
    if let Some(encoding) = encoding {
        headers.push(("Content-Encoding", encoding.into()));
    }
    let etag = etag_of(&sent, encoding);
    headers.push(("ETag", etag.clone()));
    if field(asked, "if-none-match").is_some_and(|tags| tags.split(',').any(|t| t.trim() == etag)) {
        return Reply {
            status: 304,
            headers,
            body: Body::Empty,
            head_only: true,
        };
    }
    Reply {
        status: 200,
        headers,
        body: Body::File(sent),
        head_only,
    }
}

/// Maps a URL path to a file below `dist` and its name, refusing anything that climbs out.
fn resolve(dist: &Path, url_path: &str) -> Option<(PathBuf, String)> {
    let mut file = dist.to_path_buf();
    let decoded = percent_decode(url_path)?;
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment == ".." || segment == "." || segment.contains('\\') {
            return None;
        }
        file.push(segment);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    let name = file.file_name()?.to_string_lossy().into_owned();
    file.is_file().then_some((file, name))
}

/// `%E5%B9%B4` → UTF-8 text; `None` for malformed escapes or a NUL.
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = path.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let text = String::from_utf8(out).ok()?;
    (!text.contains('\0')).then_some(text)
}

/// The best precompressed copy the browser accepts (brotli, then gzip), as long as it is
/// not older than the file itself (a stale copy is never sent); else the file as it is.
fn pick_encoding(file: &Path, accept: &str) -> (PathBuf, Option<&'static str>) {
    for (encoding, ext) in [("br", "br"), ("gzip", "gz")] {
        let copy = PathBuf::from(format!("{}.{ext}", file.display()));
        if accepts(accept, encoding) && is_fresh(&copy, file) {
            return (copy, Some(encoding));
        }
    }
    (file.to_path_buf(), None)
}

/// Whether an Accept-Encoding header accepts `encoding` (q=0 refuses; `*` accepts).
fn accepts(header: &str, encoding: &str) -> bool {
    let mut star = None;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if name == encoding {
            return q > 0.0;
        }
        if name == "*" {
            star = Some(q > 0.0);
        }
    }
    star.unwrap_or(false)
}

fn is_fresh(copy: &Path, original: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match (modified(copy), modified(original)) {
        (Some(copy), Some(original)) => copy >= original,
        _ => false,
    }
}

/// A validator from the sent file's size and modification time.
fn etag_of(file: &Path, encoding: Option<&str>) -> String {
    let meta = std::fs::metadata(file).ok();
    let len = meta.as_ref().map_or(0, |m| m.len());
    let nanos = meta
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    format!("\"{len:x}-{nanos:x}-{}\"", encoding.unwrap_or("identity"))
}

/// Trunk names the wasm, JS and CSS of a build with a content hash (`name-0123456789abcdef`,
/// leading zeros dropped):
/// those never change and may be cached for a year. Everything else is revalidated each time
/// (`index.html` and `sw.js` decide which build runs).
pub(crate) fn cache_control(name: &str) -> &'static str {
    if is_hashed(name) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

fn is_hashed(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (12..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

pub(crate) fn mime_type(name: &str) -> &'static str {
    match Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
    {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};
    use std::time::{Duration, SystemTime};

    use super::*;

    const WASM: &str = "nianbao-app-0123456789abcdef_bg.wasm";

    /// A small dist/ with compressed copies, one of them stale.
    fn dist(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("nianbao-serve-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let write =
            |file: &str, bytes: &[u8]| std::fs::write(dir.join(file), bytes).expect("write");
        let page = "<!doctype html><title>年报</title>".repeat(20);
        write("index.html", page.as_bytes());
        write("index.html.gz", &crate::compress::gzip(page.as_bytes()));
        write("index.html.br", &crate::compress::brotli(page.as_bytes()));
        write(WASM, b"\0asm\x01\0\0\0");
        write(
            &format!("{WASM}.br"),
            &crate::compress::brotli(b"\0asm\x01\0\0\0"),
        );
        write("sw.js.gz", &crate::compress::gzip(b"// old build"));
        write("sw.js", b"// new build");
        // The copy is older than the file: a new sw.js was deployed without recompressing.
        let old = SystemTime::now() - Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(dir.join("sw.js.gz"))
            .and_then(|file| file.set_modified(old))
            .expect("set mtime");
        write("icon-192.png", b"\x89PNG");
        dir
    }

    fn get(dist: &Path, url: &str, accept: &str) -> Reply {
        let headers = vec![("accept-encoding".to_string(), accept.to_string())];
        answer(dist, "GET", url, &headers)
    }

    fn header<'a>(reply: &'a Reply, name: &str) -> Option<&'a str> {
        reply
            .headers
            .iter()
            .find(|(field, _)| field.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    #[test]
    fn the_best_accepted_encoding_is_sent_with_its_headers() {
        let dir = dist("encodings");
        let reply = get(&dir, "/", "gzip, deflate, br, zstd");
        assert_eq!(reply.status, 200);
        assert_eq!(header(&reply, "Content-Encoding"), Some("br"));
        assert_eq!(
            header(&reply, "Content-Type"),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(header(&reply, "Cache-Control"), Some("no-cache"));
        assert_eq!(header(&reply, "Vary"), Some("Accept-Encoding"));
        assert_eq!(reply.body, Body::File(dir.join("index.html.br")));

        let reply = get(&dir, "/index.html?v=2", "br;q=0, gzip;q=0.8");
        assert_eq!(header(&reply, "Content-Encoding"), Some("gzip"));
        let reply = get(&dir, "/index.html", "");
        assert_eq!(header(&reply, "Content-Encoding"), None);
        assert_eq!(reply.body, Body::File(dir.join("index.html")));
        let reply = get(&dir, "/index.html", "*");
        assert_eq!(header(&reply, "Content-Encoding"), Some("br"));
        let reply = get(&dir, "/index.html", "identity, *;q=0");
        assert_eq!(header(&reply, "Content-Encoding"), None);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn hashed_assets_are_immutable_wasm_streams_and_stale_copies_are_never_sent() {
        let dir = dist("cache");
        let reply = get(&dir, &format!("/{WASM}"), "gzip, br");
        assert_eq!(header(&reply, "Content-Type"), Some("application/wasm"));
        assert_eq!(
            header(&reply, "Cache-Control"),
            Some("public, max-age=31536000, immutable")
        );
        assert_eq!(header(&reply, "Content-Encoding"), Some("br"));
        let reply = get(&dir, "/sw.js", "gzip");
        assert_eq!(header(&reply, "Cache-Control"), Some("no-cache"));
        assert_eq!(header(&reply, "Content-Encoding"), None, "the .gz is stale");
        assert_eq!(reply.body, Body::File(dir.join("sw.js")));
        let reply = get(&dir, "/icon-192.png", "gzip, br");
        assert_eq!(header(&reply, "Content-Type"), Some("image/png"));
        assert_eq!(header(&reply, "Vary"), None);
        assert!(
            is_hashed("main-3f13d3829ddf2c1.css"),
            "Trunk drops leading zeros"
        );
        assert!(!is_hashed("icon-192.png") && !is_hashed("index.html"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn errors_revalidation_and_head() {
        let dir = dist("errors");
        assert_eq!(get(&dir, "/../etc/passwd", "").status, 404);
        assert_eq!(get(&dir, "/%2e%2e/etc/passwd", "").status, 404);
        assert_eq!(get(&dir, "/missing.js", "").status, 404);
        assert_eq!(get(&dir, "/%zz", "").status, 404);
        let post = answer(&dir, "POST", "/", &[]);
        assert_eq!(post.status, 405);
        let first = get(&dir, "/", "br");
        let etag = header(&first, "ETag").expect("an ETag").to_string();
        let again = answer(
            &dir,
            "GET",
            "/",
            &[
                ("accept-encoding".into(), "br".into()),
                ("if-none-match".into(), etag.clone()),
            ],
        );
        assert_eq!(again.status, 304);
        // Another encoding is another representation.
        let gzip = get(&dir, "/", "gzip");
        assert_ne!(header(&gzip, "ETag"), Some(etag.as_str()));
        let head = answer(&dir, "HEAD", "/", &[]);
        assert!(head.head_only && head.status == 200);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_real_connection_gets_compressed_bytes() {
        let dir = dist("socket");
        let server = bind(0).expect("a free port");
        let port = port_of(&server).expect("port");
        let root = dir.clone();
        thread::spawn(move || serve_forever(server, root));
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
        stream
            .write_all(
                format!(
                    "GET /{WASM} HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: br\r\nConnection: close\r\n\r\n"
                )
                .as_bytes(),
            )
            .expect("send");
        let mut response = Vec::new();
        stream.read_to_end(&mut response).expect("read");
        let text = String::from_utf8_lossy(&response);
        let (head, _) = text.split_once("\r\n\r\n").expect("a head");
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        let lower = head.to_ascii_lowercase();
        assert!(lower.contains("content-encoding: br"), "{head}");
        assert!(lower.contains("content-type: application/wasm"), "{head}");
        let br_len = std::fs::metadata(dir.join(format!("{WASM}.br")))
            .expect("br")
            .len();
        assert!(
            lower.contains(&format!("content-length: {br_len}")),
            "{head}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Reads a reply's head, byte by byte so nothing after it is taken.
    fn read_head(stream: &mut std::net::TcpStream) -> String {
        let mut bytes = Vec::new();
        let mut byte = [0u8; 1];
        while !bytes.ends_with(b"\r\n\r\n") {
            let read = stream.read(&mut byte).expect("a reply");
            assert_eq!(read, 1, "the connection closed mid-head: {bytes:?}");
            bytes.push(byte[0]);
        }
        String::from_utf8(bytes).expect("a text head")
    }

    /// Sends `request` and reads one reply: its head, and its body by the length it gives.
    fn exchange(stream: &mut std::net::TcpStream, request: &str) -> (String, Vec<u8>) {
        stream.write_all(request.as_bytes()).expect("send");
        let head = read_head(stream);
        let length = head
            .lines()
            .find_map(|line| {
                line.to_ascii_lowercase()
                    .strip_prefix("content-length: ")
                    .map(str::to_string)
            })
            .map_or(0, |n| n.trim().parse::<usize>().expect("a length"));
        let sent = if head.starts_with("HTTP/1.1 304") {
            0
        } else {
            length
        };
        let mut body = vec![0u8; sent];
        stream.read_exact(&mut body).expect("the body");
        (head, body)
    }

    fn serve(dir: &Path) -> u16 {
        let server = bind(0).expect("a free port");
        let port = port_of(&server).expect("port");
        let root = dir.to_path_buf();
        thread::spawn(move || serve_forever(server, root));
        port
    }

    fn connect(port: u16) -> std::net::TcpStream {
        let stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        stream
    }

    /// A browser opens several connections at once for a page's assets and keeps them open.
    /// Each must be answered while the others stay open.
    #[test]
    fn a_burst_of_kept_alive_connections_is_answered_at_once() {
        let dir = dist("burst");
        let port = serve(&dir);
        for round in 0..30 {
            let mut streams: Vec<_> = (0..8)
                .map(|_| {
                    let mut stream = connect(port);
                    stream
                        .write_all(b"GET /icon-192.png HTTP/1.1\r\nHost: x\r\n\r\n")
                        .expect("send");
                    stream
                })
                .collect();
            for (index, stream) in streams.iter_mut().enumerate() {
                let mut reply = [0u8; 12];
                let read = stream.read_exact(&mut reply);
                assert!(
                    read.is_ok() && reply.starts_with(b"HTTP/1.1 200"),
                    "round {round}, connection {index}: {read:?}"
                );
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_kept_alive_connection_answers_requests_in_turn() {
        let dir = dist("keep-alive");
        let port = serve(&dir);
        let mut stream = connect(port);
        let (head, body) = exchange(
            &mut stream,
            "GET /index.html HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n",
        );
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
        assert!(head.contains("Connection: keep-alive"), "{head}");
        assert_eq!(
            body,
            std::fs::read(dir.join("index.html.gz")).expect("the gzip copy")
        );
        let etag = head
            .lines()
            .find_map(|line| line.strip_prefix("ETag: "))
            .expect("an ETag")
            .to_string();
        // A HEAD gets the GET's length and no body: the next reply follows its head at once.
        stream
            .write_all(b"HEAD /icon-192.png HTTP/1.1\r\nHost: x\r\n\r\n")
            .expect("send");
        let head = read_head(&mut stream);
        assert!(head.contains("Content-Length: 4\r\n"), "{head}");
        let (head, body) = exchange(&mut stream, "GET /icon-192.png HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
        assert_eq!(body, b"\x89PNG");
        // A request with a body: the body is skipped, the method refused.
        let (head, _) = exchange(
            &mut stream,
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
        );
        assert!(head.starts_with("HTTP/1.1 405"), "{head}");
        let (head, body) = exchange(
            &mut stream,
            &format!(
                "GET /index.html HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nIf-None-Match: {etag}\r\n\r\n"
            ),
        );
        assert!(head.starts_with("HTTP/1.1 304"), "{head}");
        assert!(body.is_empty());
        let (head, body) = exchange(
            &mut stream,
            "GET /missing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        );
        assert!(head.starts_with("HTTP/1.1 404"), "{head}");
        assert!(head.contains("Connection: close"), "{head}");
        assert_eq!(body, b"not found");
        let mut rest = Vec::new();
        stream.read_to_end(&mut rest).expect("closed");
        assert!(rest.is_empty(), "nothing after a closing reply");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_request_that_cannot_be_read_gets_a_4xx_and_the_connection_closes() {
        let dir = dist("malformed");
        let port = serve(&dir);
        for request in [
            "GET / HTTP/1.1\r\nHost x\r\n\r\n".to_string(),
            format!("GET /{} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(20_000)),
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n".to_string(),
            "GET / HTTP/1.1\r\nContent-Length: lots\r\n\r\n".to_string(),
        ] {
            let mut stream = connect(port);
            let (head, _) = exchange(&mut stream, &request);
            assert!(head.starts_with("HTTP/1.1 4"), "{head}");
            assert!(head.contains("Connection: close"), "{head}");
            let mut rest = Vec::new();
            stream.read_to_end(&mut rest).expect("closed");
            assert!(rest.is_empty(), "nothing after a closing reply: {rest:?}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
