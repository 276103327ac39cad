"""Fetch the page a user asked to ingest, and nothing else.

Only http and https; the host is resolved and every address it resolves to must be public (no loopback,
private, link-local, carrier-grade NAT, multicast, reserved or cloud-metadata address, IPv4-mapped forms
included); the connection goes to the address that was checked (so a second DNS answer cannot swap it), and
every redirect is checked the same way. Size and time are bounded. `allow` (networks allowed although not
public) exists for tests that fetch from a server on loopback; it is empty unless a caller passes it.
"""
from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from ..errors import FetchFailed, FetchRefused, TooLargeError

TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml")
METADATA = {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254"),
            ipaddress.ip_address("100.100.100.200")}
MAX_REDIRECTS = 5


@dataclass
class Fetched:
    url: str
    content_type: str
    text: str
    body: bytes = b""  # as sent, for readers that find the charset in the page itself
    charset: str | None = None  # as the Content-Type header gave it


def _refused(address, allow) -> str | None:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if any(ip in net for net in allow) and ip not in METADATA:
        return None
    if ip in METADATA:
        return "a cloud metadata address"
    for what, flag in (("an unspecified", ip.is_unspecified), ("a loopback", ip.is_loopback),
                       ("a link-local", ip.is_link_local), ("a private", ip.is_private),
                       ("a multicast", ip.is_multicast), ("a reserved", ip.is_reserved)):
        if flag:
            return f"{what} address"
    if not ip.is_global:
        return "a non-public address"
    return None


def check_url(url: str, allow=()) -> tuple[str, str, int, str]:
    """(scheme, host, port, address to connect to) of a URL that may be fetched; FetchRefused otherwise."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as e:
        raise FetchRefused(url, f"not a URL ({e})") from None
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(url, "only http and https URLs are fetched")
    host = parts.hostname
    if not host:
        raise FetchRefused(url, "the URL has no host")
    port = port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        raise FetchFailed(f"{url}: cannot resolve {host} ({e})") from None
    nets = [ipaddress.ip_network(n, strict=False) for n in allow]
    addresses = sorted({info[4][0] for info in infos})
    for address in addresses:
        if why := _refused(address, nets):
            raise FetchRefused(url, f"{host} resolves to {why} ({address}); only public addresses are fetched")
    if not addresses:
        raise FetchFailed(f"{url}: {host} has no address")
    return parts.scheme, host, port, addresses[0]


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _read(response, url: str, max_bytes: int, deadline: float) -> bytes:
    length = response.getheader("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise TooLargeError(url, f"the page is {length} bytes; the limit is {max_bytes}")
    chunks, size = [], 0
    while chunk := response.read1(65536):  # what has arrived, so that the deadline is checked often
        size += len(chunk)
        if size > max_bytes:
            raise TooLargeError(url, f"the page is over the limit of {max_bytes} bytes")
        if time.monotonic() > deadline:
            raise FetchFailed(f"{url}: took too long")
        chunks.append(chunk)
    return b"".join(chunks)


def fetch(url: str, *, max_bytes: int = 5 * 1024 * 1024, timeout: float = 15.0, allow=(),
          types: tuple[str, ...] = TEXT_TYPES) -> Fetched:
    """The text of a web page (HTML or plain text; also a feed when `types` says so), following at most five
    redirects, each one checked."""
    deadline = time.monotonic() + timeout
    for _ in range(MAX_REDIRECTS + 1):
        scheme, host, port, address = check_url(url, allow)
        parts = urlsplit(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        left = max(0.1, deadline - time.monotonic())
        conn = (_PinnedHTTPS if scheme == "https" else _PinnedHTTP)(host, port, address, left)
        try:
            conn.request("GET", path, headers={"Host": parts.netloc.rsplit("@", 1)[-1], "User-Agent":
                                               "factiongraph", "Accept": ", ".join(types)})
            response = conn.getresponse()
            if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location"))
                continue
            if response.status != 200:
                raise FetchFailed(f"{url}: the server answered {response.status} {response.reason}")
            ctype = (response.getheader("Content-Type") or "text/html").split(";")[0].strip().lower()
            if ctype not in types:
                raise FetchRefused(url, f"not a web page or text ({ctype})")
            body = _read(response, url, max_bytes, deadline)
            declared = response.headers.get_content_charset()
            charset = declared or "utf-8"
        except (OSError, http.client.HTTPException) as e:
            raise FetchFailed(f"{url}: {'took too long' if isinstance(e, TimeoutError) else e}") from None
        finally:
            conn.close()
        try:
            text = body.decode(charset, errors="replace")
        except LookupError:
            text = body.decode("utf-8", errors="replace")
        return Fetched(url=url, content_type=ctype, text=text, body=body, charset=declared)
    raise FetchFailed(f"{url}: more than {MAX_REDIRECTS} redirects")
