package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"sync/atomic"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// alternatingProxy stands where a load balancer stands in front of several
// bot processes in webhook mode: Telegram's posts (the fake's) go to each
// process in turn, so one chat's updates are spread across all of them.
type alternatingProxy struct {
	srv      *http.Server
	addr     string
	next     atomic.Uint64
	handled  []atomic.Int64 // posts each process answered 200
	backends []*url.URL
}

// startProxy listens on a free loopback port and forwards to the bots'
// HTTP addresses in turn.
func startProxy(botAddrs []string) (*alternatingProxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &alternatingProxy{addr: ln.Addr().String(), handled: make([]atomic.Int64, len(botAddrs))}
	index := map[string]int{}
	for i, a := range botAddrs {
		p.backends = append(p.backends, &url.URL{Scheme: "http", Host: a})
		index[a] = i
	}
	rp := &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			r.SetURL(p.backends[(p.next.Add(1)-1)%uint64(len(p.backends))])
		},
		// The fake posts for up to one chat per user at once: keep that
		// many connections to each bot rather than two.
		Transport: &http.Transport{MaxIdleConnsPerHost: 1024, IdleConnTimeout: time.Minute},
		ModifyResponse: func(resp *http.Response) error {
			if resp.StatusCode == http.StatusOK {
				p.handled[index[resp.Request.URL.Host]].Add(1)
			}
			return nil
		},
		// A bot that is down (killed) answers 502; the fake posts again,
		// as Telegram does, and the next post goes to another process.
		ErrorHandler: func(w http.ResponseWriter, _ *http.Request, _ error) { w.WriteHeader(http.StatusBadGateway) },
	}
	p.srv = &http.Server{Handler: rp, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = p.srv.Serve(ln) }()
	return p, nil
}

// handledEach is how many posts each process answered 200.
func (p *alternatingProxy) handledEach() []int64 {
	out := make([]int64, len(p.handled))
	for i := range p.handled {
		out[i] = p.handled[i].Load()
	}
	return out
}

func (p *alternatingProxy) close() { _ = p.srv.Close() }

// waitHealthy waits until every bot answers /healthz with 200.
func waitHealthy(ctx context.Context, botAddrs []string) error {
	for _, a := range botAddrs {
		for {
			resp, err := http.Get("http://" + a + "/healthz")
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					break
				}
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("bot at %s not healthy: %w", a, errors.Join(ctx.Err(), err))
			case <-time.After(50 * time.Millisecond):
			}
		}
	}
	return nil
}

// freeAddr returns a loopback address nothing listens on (for a child to
// bind; another process could take it meanwhile, which then fails the run).
func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// dropDatabase removes the run's database from the server of uri.
func dropDatabase(uri, database string) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	client, err := mongo.Connect(options.Client().ApplyURI(uri))
	if err != nil {
		return err
	}
	defer client.Disconnect(context.WithoutCancel(ctx))
	return client.Database(database).Drop(ctx)
}
