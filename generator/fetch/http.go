package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// errRedirect marks a refused redirect; it is never retried.
type errRedirect struct{ msg string }

func (e *errRedirect) Error() string { return e.msg }

// checkRedirect follows at most 10 redirects, only to http and https, and
// never from https back to http.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return &errRedirect{"stopped after 10 redirects"}
	}
	switch req.URL.Scheme {
	case "http", "https":
	default:
		return &errRedirect{fmt.Sprintf("refused a redirect to %q: only http and https are fetched", req.URL.Redacted())}
	}
	if via[len(via)-1].URL.Scheme == "https" && req.URL.Scheme == "http" {
		return &errRedirect{fmt.Sprintf("refused a redirect from https to %s", req.URL.Redacted())}
	}
	if names, ok := req.Context().Value(sentKey{}).([]string); ok && req.URL.Host != via[0].URL.Host {
		for _, n := range names {
			req.Header.Del(n) // site.yaml's headers are for the dataset's own host
		}
	}
	return nil
}

// fetch brings a url or fred dataset up to date in the cache, or falls back
// to a cached or committed copy.
func (f *fetcher) fetch(ctx context.Context, name string, warn func(string, ...any)) (*Dataset, error) {
	u := f.cfg.SourceURL(f.cfg.Datasets[name])
	body, meta, ok := f.cached(name)
	if ok && meta.URL != u {
		ok = false // cached from another address: not this dataset's data
	}
	fallback := func(cause error) (*Dataset, error) {
		if ok {
			if cause != nil {
				warn("%v; using the cached copy %s fetched %s", cause, cachePath(name), meta.FetchedAt.UTC().Format(time.RFC3339))
			}
			return &Dataset{Name: name, Path: cachePath(name), Data: body, Status: Cached}, nil
		}
		c, err := f.committed(name, Committed)
		if err != nil {
			return nil, errors.Join(cause, err)
		}
		if c != nil {
			if cause != nil {
				warn("%v; using the committed copy %s", cause, c.Path)
			}
			return c, nil
		}
		if cause == nil {
			return nil, fmt.Errorf("offline, and no cached copy in %s: build once without --offline, or add file: with a committed copy", cachePath(name))
		}
		return nil, fmt.Errorf("%w (no cached copy in %s, and no committed file: to build without the network, add file: with a copy of the data)", cause, cachePath(name))
	}
	if f.opts.Offline {
		return fallback(nil)
	}
	// u, which the record keeps and messages show, names its variables;
	// the request fills them in.
	target, hdr, err := f.secrets.request(f.cfg.Datasets[name], u)
	if err != nil {
		return nil, err
	}
	r, err := f.get(ctx, target, hdr, meta, ok)
	if err == nil {
		if n := f.secrets.in(r.body); n != "" {
			r, err = nil, fmt.Errorf("%s: %w", redact(u), echoed(n))
		} else if f.secrets.in([]byte(r.etag+"\n"+r.lastModified)) != "" {
			r.etag, r.lastModified = "", "" // not recorded
		}
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return fallback(err)
	}
	now := f.opts.Now().UTC()
	if r.notModified {
		meta.FetchedAt = now
		if r.etag != "" {
			meta.ETag = r.etag
		}
		if r.lastModified != "" {
			meta.LastModified = r.lastModified
		}
		if err := f.store(name, nil, meta); err != nil {
			warn("%v", err)
		}
		return &Dataset{Name: name, Path: cachePath(name), Data: body, Status: NotModified}, nil
	}
	if err := f.validate(name, r.body); err != nil {
		return fallback(fmt.Errorf("%s: %w", redact(u), err))
	}
	m := Meta{URL: u, ETag: r.etag, LastModified: r.lastModified, FetchedAt: now, SHA256: hash(r.body)}
	if err := f.store(name, r.body, m); err != nil {
		return nil, err
	}
	return &Dataset{Name: name, Path: cachePath(name), Data: r.body, Status: Fetched}, nil
}

// response is a successful HTTP exchange.
type response struct {
	body               []byte
	notModified        bool
	etag, lastModified string
}

// get downloads u, retrying transient failures with exponential backoff.
// cond asks for a conditional request with meta's validators.
func (f *fetcher) get(ctx context.Context, u string, hdr http.Header, meta Meta, cond bool) (*response, error) {
	attempts := 1 + f.cfg.Fetch.Retries
	wait := f.opts.Backoff
	for i := 1; ; i++ {
		r, retryAfter, err := f.once(ctx, u, hdr, meta, cond)
		if err == nil {
			return r, nil
		}
		var perm *permanent
		if errors.As(err, &perm) || i >= attempts || ctx.Err() != nil {
			if i > 1 {
				err = fmt.Errorf("%w (after %d attempts)", err, i)
			}
			return nil, fmt.Errorf("%s: %w", redact(u), err)
		}
		d := wait
		if retryAfter > 0 {
			d = retryAfter
		}
		d = min(d, f.opts.MaxBackoff)
		wait *= 2
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
	}
}

// permanent marks an error that another attempt would not cure.
type permanent struct{ err error }

func (p *permanent) Error() string { return p.err.Error() }
func (p *permanent) Unwrap() error { return p.err }

// once makes one attempt with the headers hdr (site.yaml's, which take the
// place of tearsheet's own of the same name). retryAfter is the server's
// Retry-After, if any.
func (f *fetcher) once(ctx context.Context, u string, hdr http.Header, meta Meta, cond bool) (*response, time.Duration, error) {
	timeout := f.cfg.Fetch.TimeoutDur
	actx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(withHeaders(actx, hdr), http.MethodGet, u, nil)
	if err != nil {
		return nil, 0, &permanent{err}
	}
	req.Header.Set("User-Agent", "tearsheet (static site generator; data fetch)")
	req.Header.Set("Accept", "text/csv, text/plain;q=0.9, */*;q=0.5")
	for k, v := range hdr {
		req.Header[k] = v
	}
	if cond {
		if meta.ETag != "" {
			req.Header.Set("If-None-Match", meta.ETag)
		}
		if meta.LastModified != "" {
			req.Header.Set("If-Modified-Since", meta.LastModified)
		}
	}
	timedOut := func(err error) error {
		if actx.Err() != nil && ctx.Err() == nil {
			return fmt.Errorf("timed out after %s (fetch.timeout)", timeout)
		}
		return err
	}
	resp, err := f.client.Do(req)
	if err != nil {
		var re *errRedirect
		if errors.As(err, &re) {
			return nil, 0, &permanent{re}
		}
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL is already in the message
		}
		var dns *net.DNSError
		if errors.As(err, &dns) && dns.IsNotFound {
			return nil, 0, &permanent{err} // no such host: asking again will not help
		}
		return nil, 0, timedOut(err)
	}
	defer resp.Body.Close()
	r := &response{etag: resp.Header.Get("ETag"), lastModified: resp.Header.Get("Last-Modified")}
	switch {
	case resp.StatusCode == http.StatusNotModified && cond:
		r.notModified = true
		return r, 0, nil
	case resp.StatusCode == http.StatusOK:
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return nil, retryAfter(resp.Header.Get("Retry-After"), f.opts.Now()), fmt.Errorf("HTTP %s", resp.Status)
	default:
		return nil, 0, &permanent{fmt.Errorf("HTTP %s", resp.Status)}
	}
	max := f.cfg.Fetch.MaxBytes
	if resp.ContentLength > max {
		return nil, 0, &permanent{fmt.Errorf("response of %d bytes is larger than fetch.maxBytes (%d)", resp.ContentLength, max)}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, 0, timedOut(fmt.Errorf("reading the response: %w", err))
	}
	if int64(len(body)) > max {
		return nil, 0, &permanent{fmt.Errorf("response is larger than fetch.maxBytes (%d bytes)", max)}
	}
	r.body = body
	return r, 0, nil
}

// retryAfter reads a Retry-After header: seconds, or an HTTP date.
func retryAfter(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	if s, err := strconv.Atoi(h); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil {
		return t.Sub(now)
	}
	return 0
}

// redact hides a URL's password in messages.
func redact(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		if at := strings.Index(u[i+3:], "@"); at >= 0 && !strings.Contains(u[i+3:i+3+at], "/") {
			return u[:i+3] + "…@" + u[i+3+at+1:]
		}
	}
	return u
}
