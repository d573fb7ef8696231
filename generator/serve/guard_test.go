package serve

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// rawGet sends one request for path with the Host header host (none when
// "") over a new TCP connection to addr, and returns the response's status
// and body.
func rawGet(t *testing.T, addr, path, host string) (int, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, wait)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(wait))
	req := "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n"
	if host == "" {
		req = "GET " + path + " HTTP/1.0\r\n\r\n"
	}
	if _, err := io.WriteString(conn, req); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s with Host %q: %v", path, host, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// hostPort is the address of a running server.
func (r *running) hostPort(t *testing.T) (addr, port string) {
	t.Helper()
	u, err := url.Parse(r.url)
	if err != nil {
		t.Fatal(err)
	}
	return u.Host, u.Port()
}

// TestServeRefusesForeignHosts checks over TCP that the preview answers
// only requests addressed to it, against DNS rebinding: a page of
// attacker.example whose name now resolves to 127.0.0.1 sends
// "Host: attacker.example:PORT".
func TestServeRefusesForeignHosts(t *testing.T) {
	dir := fixture(t)
	r := start(t, dir, Options{})
	addr, port := r.hostPort(t)
	cases := []struct {
		host string
		path string
		want int
	}{
		{"127.0.0.1:" + port, "/research/", 200},
		{"localhost:" + port, "/research/", 200},
		{"LocalHost:" + port, "/research/", 200},
		{"[::1]:" + port, "/research/", 200},
		{"127.0.0.1:" + port, EventsPath, 200},
		{"attacker.example:" + port, "/research/", 421},
		{"attacker.example:" + port, EventsPath, 421},
		{"attacker.example:" + port, "/research/2024/01/first-note/", 421},
		{"attacker.example", "/research/", 421},
		{"localhost.attacker.example:" + port, "/research/", 421},
		{"127.0.0.1.nip.io:" + port, "/research/", 421},
		{"127.0.0.2:" + port, "/research/", 421},  // not the bound address
		{"127.0.0.1:1", "/research/", 421},        // another port
		{"127.0.0.1", "/research/", 421},          // port 80 implied
		{"[::ffff:7f00:1]:80", "/research/", 421}, // idem
		{"", "/research/", 421},                   // HTTP/1.0 without Host
	}
	for _, c := range cases {
		if c.path == EventsPath && c.want == 200 {
			continue // a stream does not end: the subscribe below
		}
		code, body := rawGet(t, addr, c.path, c.host)
		if code != c.want {
			t.Errorf("GET %s with Host %q: %d, want %d\n%s", c.path, c.host, code, c.want, body)
		}
		if code != 200 && (strings.Contains(body, "<html") || strings.Contains(body, "Breadth")) {
			t.Errorf("GET %s with Host %q served the site:\n%s", c.path, c.host, body)
		}
		if code == 421 && !strings.Contains(body, "http://127.0.0.1:"+port+"/") {
			t.Errorf("the refusal does not say which address to open:\n%s", body)
		}
	}
	r.subscribe(t).next(t, "ok", "")
}

// TestGuardAllowed pins the hosts each bind address admits.
func TestGuardAllowed(t *testing.T) {
	cases := []struct {
		bind, listen string // the --bind value and the address listened on
		host         string
		want         bool
	}{
		{"127.0.0.1", "127.0.0.1:1313", "127.0.0.1:1313", true},
		{"127.0.0.1", "127.0.0.1:1313", "localhost:1313", true},
		{"127.0.0.1", "127.0.0.1:1313", "[::1]:1313", true},
		{"127.0.0.1", "127.0.0.1:1313", "192.168.1.5:1313", false},
		{"127.0.0.1", "127.0.0.1:1313", "evil.example:1313", false},
		{"127.0.0.1", "127.0.0.1:1313", "localhost:1314", false},
		{"127.0.0.1", "127.0.0.1:80", "localhost", true}, // port 80 may go unsaid
		{"127.0.0.1", "127.0.0.1:80", "evil.example", false},
		{"0.0.0.0", "0.0.0.0:1313", "192.168.1.5:1313", true}, // the local network, by address
		{"0.0.0.0", "0.0.0.0:1313", "[fe80::1]:1313", true},
		{"0.0.0.0", "0.0.0.0:1313", "evil.example:1313", false},
		{"0.0.0.0", "0.0.0.0:1313", "localhost:1313", true},
		{"::", "[::]:1313", "10.0.0.7:1313", true},
		{"mybox.local", "192.168.1.5:1313", "mybox.local:1313", true},
		{"mybox.local", "192.168.1.5:1313", "MyBox.Local:1313", true},
		{"mybox.local", "192.168.1.5:1313", "192.168.1.5:1313", true},
		{"mybox.local", "192.168.1.5:1313", "192.168.1.6:1313", false},
		{"::1", "[::1]:1313", "[::1]:1313", true},
		{"::1", "[::1]:1313", "[0:0:0:0:0:0:0:1]:1313", true},
	}
	for _, c := range cases {
		addr, err := net.ResolveTCPAddr("tcp", c.listen)
		if err != nil {
			t.Fatal(err)
		}
		g := newGuard(http.NotFoundHandler(), func(string) bool { return false }, c.bind, addr, defaultLimits())
		if got := g.allowed(c.host); got != c.want {
			t.Errorf("--bind %s, listening on %s: Host %q allowed %v, want %v", c.bind, c.listen, c.host, got, c.want)
		}
	}
}

// TestServeTimeouts checks over TCP that a kept-alive connection left idle
// is closed within the idle timeout, and one that never finishes its
// request within the header timeout.
func TestServeTimeouts(t *testing.T) {
	lim := defaultLimits()
	lim.idle, lim.header = 300*time.Millisecond, 300*time.Millisecond
	r := start(t, fixture(t), Options{limits: lim})
	addr, _ := r.hostPort(t)
	// closedWithin reports whether the server closes conn within d.
	closedWithin := func(conn net.Conn, br *bufio.Reader, d time.Duration) bool {
		t.Helper()
		_ = conn.SetReadDeadline(time.Now().Add(d))
		_, err := br.ReadByte()
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return false
		}
		if err == nil {
			t.Fatal("the server sent bytes unasked")
		}
		return true
	}

	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	br := bufio.NewReader(conn)
	var sent time.Time
	for range 2 { // two requests on one connection: it is kept alive
		sent = time.Now()
		if _, err := io.WriteString(conn, "GET /research/ HTTP/1.1\r\nHost: "+addr+"\r\n\r\n"); err != nil {
			t.Fatal(err)
		}
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Close {
			t.Fatalf("keep-alive request: %d, close %v", resp.StatusCode, resp.Close)
		}
	}
	if !closedWithin(conn, br, 5*time.Second) {
		t.Errorf("an idle keep-alive connection stayed open for 5 s (idle timeout %s)", lim.idle)
	}
	// The idle time began after the last request was sent.
	if d := time.Since(sent); d < lim.idle {
		t.Errorf("an idle connection was closed %s after its last request, before its timeout %s", d, lim.idle)
	}

	slow, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	if _, err := io.WriteString(slow, "GET /research/ HTTP/1.1\r\nHost: "+addr+"\r\n"); err != nil {
		t.Fatal(err)
	}
	sbr := bufio.NewReader(slow)
	if !closedWithin(slow, sbr, 5*time.Second) {
		t.Errorf("a request whose headers never end held its connection for 5 s (header timeout %s)", lim.header)
	}
}

// TestServeStreamOutlivesTimeouts checks that an event stream is not cut by
// the read and write timeouts, which bound a page's request: a browser
// keeps it open for as long as the tab.
func TestServeStreamOutlivesTimeouts(t *testing.T) {
	lim := defaultLimits()
	lim.read, lim.write, lim.idle = 200*time.Millisecond, 200*time.Millisecond, 200*time.Millisecond
	dir := fixture(t)
	r := start(t, dir, Options{limits: lim})
	events := r.subscribe(t)
	events.next(t, "ok", "")
	time.Sleep(5 * lim.write) // the timeouts pass
	writeFile(t, dir, "content/posts/first-note.md", note("Breadth widened after a while."))
	events.next(t, "reload", article+"index.html")
	if code, page := r.get(t, article); code != 200 || !strings.Contains(page, "widened after a while") {
		t.Errorf("GET %s after the edit: %d", article, code)
	}
}

// TestServeStreamLimit checks that event streams past the limit are refused
// with a status and message that say why, and that a stream closed frees
// its place.
func TestServeStreamLimit(t *testing.T) {
	lim := defaultLimits()
	lim.streams = 2
	dir := fixture(t)
	r := start(t, dir, Options{limits: lim})
	addr, _ := r.hostPort(t)
	a := r.subscribe(t)
	b := r.subscribe(t)
	code, body := rawGet(t, addr, EventsPath, addr)
	if code != http.StatusTooManyRequests || !strings.Contains(body, "2 live-reload streams") {
		t.Fatalf("a third stream: %d %q, want 429 saying the limit", code, body)
	}
	// Pages are still served.
	if code, _ := r.get(t, article); code != 200 {
		t.Errorf("GET %s with the streams full: %d", article, code)
	}
	a.close()
	deadline := time.Now().Add(wait)
	for {
		if streamStatus(addr) == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("a stream closed did not free its place")
		}
		time.Sleep(20 * time.Millisecond)
	}
	// The open stream still gets events.
	writeFile(t, dir, "content/posts/first-note.md", note("Breadth, streams full."))
	b.next(t, "reload", article+"index.html")
}

// streamStatus opens the event stream and returns the response status (0
// when there was none), closing the stream at once.
func streamStatus(addr string) int {
	conn, err := net.DialTimeout("tcp", addr, wait)
	if err != nil {
		return 0
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(wait))
	if _, err := io.WriteString(conn, "GET "+EventsPath+" HTTP/1.1\r\nHost: "+addr+"\r\n\r\n"); err != nil {
		return 0
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return 0
	}
	return resp.StatusCode
}
