package geo

import (
	"context"
	"errors"
	"io"
	"net/http"
	"time"
)

// maxResponseBody bounds an API answer: a full batch of 1000 addresses is
// about 300 KB.
const maxResponseBody = 16 << 20

// runTransport ties each request to the run's context (cancellation and the
// time limit), bounds it with its own timeout, body included, and refuses
// oversized answers. The ipinfo library's batch calls take no context, so
// this is where they get one.
type runTransport struct {
	ctx     context.Context
	base    http.RoundTripper
	timeout time.Duration
}

func (t *runTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(t.ctx, t.timeout)
	resp, err := t.base.RoundTrip(req.WithContext(ctx))
	if err != nil {
		cancel()
		return nil, err
	}
	resp.Body = &limitedBody{rc: resp.Body, left: maxResponseBody, cancel: cancel}
	return resp, nil
}

var errBodyTooLarge = errors.New("response body too large")

type limitedBody struct {
	rc     io.ReadCloser
	left   int64
	cancel context.CancelFunc
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		return 0, errBodyTooLarge
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *limitedBody) Close() error {
	err := b.rc.Close()
	b.cancel()
	return err
}
