package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"openkarir/bot"
	"openkarir/store"
)

// httpService is an HTTP server on its listener, run until ctx ends.
type httpService struct {
	name string
	srv  *http.Server
	ln   net.Listener
}

// run serves until ctx ends, then shuts the server down (letting requests
// under way finish, for up to 10 s); a server that fails stops the bot.
func (h *httpService) run(ctx context.Context, wg *sync.WaitGroup, stopBot func(), log *slog.Logger) {
	wg.Go(func() {
		<-ctx.Done()
		shutdown, done := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer done()
		_ = h.srv.Shutdown(shutdown)
	})
	wg.Go(func() {
		if err := h.srv.Serve(h.ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error(h.name, "err", err)
			stopBot()
		}
	})
}

func closeAll(servers []*httpService) {
	for _, s := range servers {
		s.ln.Close()
	}
}

// swapHandler serves one handler, then another once set.
type swapHandler struct{ h atomic.Pointer[http.Handler] }

func newSwapHandler(h http.Handler) *swapHandler {
	s := &swapHandler{}
	s.set(h)
	return s
}

func (s *swapHandler) set(h http.Handler) { s.h.Store(&h) }

func (s *swapHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	(*s.h.Load()).ServeHTTP(w, r)
}

// httpServer sets serve (listening since before the store opened) to the
// webhook (in webhook mode), /healthz and /metrics, before registering the
// webhook, so Telegram's first call finds them.
func httpServer(ctx context.Context, cfg Config, st *store.Store, b *bot.Bot, h bot.Handler, sender *bot.Sender, registry *prometheus.Registry, log *slog.Logger, serve *swapHandler) error {
	addr := cfg.HTTPAddr
	if addr == "" {
		addr = ":8080"
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := st.Ping(r.Context()); err != nil {
			http.Error(w, "store unreachable", http.StatusServiceUnavailable)
			return
		}
		if !sender.Running() {
			http.Error(w, "sender not running", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ok")
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(registry, promhttp.HandlerOpts{}))
	var secret string
	if cfg.WebhookURL != "" {
		u, err := url.Parse(cfg.WebhookURL)
		if err != nil || u.Scheme == "" {
			return fmt.Errorf("WEBHOOK_URL %q is not a URL", cfg.WebhookURL)
		}
		secret = cfg.WebhookSecret
		if secret == "" {
			// Every process of the deployment must present the same one,
			// and none is stored: it is derived from the token they share.
			secret = bot.WebhookSecretFor(cfg.Token)
		}
		// Earlier versions kept a random secret in the database, in the
		// clear and in every backup: it goes.
		if err := st.DeleteSetting(ctx, "webhook_secret"); err != nil {
			return err
		}
		path := u.Path
		if path == "" {
			path = "/"
		}
		mux.Handle("POST "+path, b.WebhookHandler(ctx, secret, h))
	}
	serve.set(mux) // before the webhook is registered, so Telegram's first call finds it
	if cfg.WebhookURL != "" {
		if err := b.RegisterWebhook(cfg.WebhookURL, secret, cfg.WebhookMaxConns); err != nil {
			return err
		}
		log.Info("webhook registered", "addr", addr, "max_connections", cfg.WebhookMaxConns)
	}
	return nil
}
