//! `cargo xtask serve`: builds the release app and serves dist/ on 127.0.0.1 as production
//! should: the precompressed `.br`/`.gz` copies when the browser accepts them, the right MIME
//! types (`application/wasm` for streaming compilation), long-lived caching for hashed
//! assets and revalidation for `index.html` and `sw.js`. HTTP itself is `tiny_http`'s.

use std::path::{Path, PathBuf};
use std::thread;
use std::time::UNIX_EPOCH;

use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

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

/// Listens on 127.0.0.1:port (port 0 picks a free one).
pub(crate) fn bind(port: u16) -> Result<Server, String> {
    Server::http(("127.0.0.1", port))
        .map_err(|err| format!("cannot listen on 127.0.0.1:{port}: {err}"))
}

/// The port a server listens on.
pub(crate) fn port_of(server: &Server) -> Result<u16, String> {
    server
        .server_addr()
        .to_ip()
        .map(|addr| addr.port())
        .ok_or_else(|| "the server has no IP address".to_string())
}

/// Serves files below `dist` until the process ends; one thread per request.
pub(crate) fn serve_forever(server: Server, dist: PathBuf) {
    for request in server.incoming_requests() {
        let dist = dist.clone();
        thread::spawn(move || {
            let reply = answer(
                &dist,
                request.method(),
                request.url(),
                &headers_of(&request),
            );
            // The browser may have gone away; nothing to do about it.
            let _ = respond(request, reply);
        });
    }
}

fn headers_of(request: &Request) -> Vec<(String, String)> {
    request
        .headers()
        .iter()
        .map(|h| {
            (
                h.field.as_str().as_str().to_ascii_lowercase(),
                h.value.to_string(),
            )
        })
        .collect()
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

fn respond(request: Request, reply: Reply) -> std::io::Result<()> {
    let headers: Vec<Header> = reply
        .headers
        .iter()
        .filter_map(|(name, value)| Header::from_bytes(name.as_bytes(), value.as_bytes()).ok())
        .collect();
    let status = StatusCode(reply.status);
    let bytes = match (&reply.body, reply.head_only) {
        (Body::File(path), false) => std::fs::read(path)?,
        (Body::Text(text), false) => text.as_bytes().to_vec(),
        _ => Vec::new(),
    };
    // Always a Content-Length (tiny_http would chunk bodies over 32 KB): the browser then
    // knows the wasm's size up front.
    let mut response = Response::from_data(bytes)
        .with_status_code(status)
        .with_chunked_threshold(usize::MAX);
    for header in headers {
        response.add_header(header);
    }
    if reply.head_only
        && let Body::File(path) = &reply.body
    {
        // tiny_http drops the body of a HEAD request but sends our length.
        let length = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        let response = Response::new(
            status,
            response.headers().to_vec(),
            std::io::empty(),
            usize::try_from(length).ok(),
            None,
        )
        .with_chunked_threshold(usize::MAX);
        return request.respond(response);
    }
    request.respond(response)
}

/// Decides the reply to one request: pure, so it is tested without sockets.
pub(crate) fn answer(
    dist: &Path,
    method: &Method,
    url: &str,
    headers: &[(String, String)],
) -> Reply {
    let header = |name: &str| {
        headers
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, value)| value.as_str())
    };
    let head_only = *method == Method::Head;
    if !matches!(method, Method::Get | Method::Head) {
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
    let (sent, encoding) = pick_encoding(&file, header("accept-encoding").unwrap_or(""));
    if crate::compress::is_compressible(&name) {
        headers.push(("Vary", "Accept-Encoding".into()));
    }
    if let Some(encoding) = encoding {
        headers.push(("Content-Encoding", encoding.into()));
    }
    let etag = etag_of(&sent, encoding);
    headers.push(("ETag", etag.clone()));
    if header("if-none-match").is_some_and(|tags| tags.split(',').any(|t| t.trim() == etag)) {
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
        answer(dist, &Method::Get, url, &headers)
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
        let post = answer(&dir, &Method::Post, "/", &[]);
        assert_eq!(post.status, 405);
        let first = get(&dir, "/", "br");
        let etag = header(&first, "ETag").expect("an ETag").to_string();
        let again = answer(
            &dir,
            &Method::Get,
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
        let head = answer(&dir, &Method::Head, "/", &[]);
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
}
