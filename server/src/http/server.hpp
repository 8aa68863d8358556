#pragma once
// The HTTP server: Boost.Beast on Boost.Asio with C++20 coroutines, I/O on all cores, blocking
// handlers on a separate worker pool. Middleware (in order): request id, body limit, timeouts,
// client address (behind trusted proxies), routing, HEAD/OPTIONS, security headers, access log,
// metrics. Graceful stop drains in-flight
// requests.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/error.hpp"
#include "core/net.hpp"
#include "http/message.hpp"
#include "http/router.hpp"

namespace portal::http {

class Metrics;

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;             // 0 = pick a free port (tests)
  int io_threads = 0;                    // 0 = hardware concurrency
  int worker_threads = 0;                // blocking handlers (database, upstream calls); 0 = max(4, 2 × cores)
  int heavy_threads = 0;                 // CPU-heavy handlers (password hashing); 0 = cores
  bool inline_reads = false;             // Dispatch::kRead on the I/O thread (router.hpp)
  int heavy_queue = 32;                  // heavy requests allowed to wait beyond those running; more → 503
  std::size_t body_limit = 1024 * 1024;  // a route may allow more (Route::body_limit)
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds read_timeout{30'000};
  std::chrono::milliseconds idle_timeout{60'000};
  // Header carrying the request id in responses ("X-Request-Id"; the emulator uses "request-id").
  std::string request_id_header = "X-Request-Id";
  bool security_headers = true;
  // Peers whose X-Forwarded-For / X-Forwarded-Proto are believed (core/net.hpp ClientAddress).
  std::vector<IpNetwork> trusted_proxies;
  // Serve HTTPS (PEM files; both or neither) instead of plain HTTP.
  std::string tls_cert_file;
  std::string tls_key_file;
  // Sent as Strict-Transport-Security when not empty (the public URL is https).
  std::string strict_transport_security;
  bool access_log = true;
  // Renders the server's own errors (404, 405, 413, 400 on a malformed request, 503 when the
  // worker queue is full, 500 on an exception) in the application's error shape.
  std::function<Response(const Request&, const Error&)> render_error;
  // Called by Stop when the drain time ran out with requests still in flight, before it waits for
  // their handlers to return (the portal cancels the upstream calls they may be blocked in).
  std::function<void()> on_drain_deadline;
  // Shared so that a /metrics route can be registered before the server exists; created if null.
  std::shared_ptr<Metrics> metrics;
};

class Server {
 public:
  Server(ServerOptions options, Router router);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts serving on background threads; kUnavailable when the address is taken.
  Status Start();
  // The bound port (after Start).
  std::uint16_t Port() const;
  // Stops accepting, lets in-flight requests finish (up to `drain`), then stops the threads.
  void Stop(std::chrono::milliseconds drain = std::chrono::milliseconds(9000));
  // Blocks until Stop() finished (from another thread or a signal handler started by Serve()).
  void Wait();
  Metrics& GetMetrics();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Runs the server until SIGINT/SIGTERM, then drains and returns.
void RunUntilSignalled(Server& server);

}  // namespace portal::http
