// The only translation unit that includes Boost.Beast (see docs/architecture.md).
#include "http/server.hpp"

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/ids.hpp"
#include "core/log.hpp"
#include "http/error_response.hpp"
#include "http/metrics.hpp"
#include "http/wire.hpp"
#include "http/wire_beast.hpp"

namespace portal::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

// A client-supplied request id is kept when it is short and plain; otherwise we make one.
bool AcceptableRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

Response DefaultRenderError(const Request& request, const Error& error) { return ErrorResponse(request, error); }

constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'";

std::string TooLargeMessage(std::size_t limit) {
  return "the request body is larger than " + std::to_string(limit / (1024 * 1024)) + " MiB";
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  Router router;
  std::shared_ptr<Metrics> metrics_ptr;
  Metrics& metrics;
  // One event loop per I/O thread, each with its own epoll (as nginx's workers): a connection stays
  // on the loop that accepted it, so no handler is handed between threads and no strand is needed.
  std::vector<std::unique_ptr<asio::io_context>> loops;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> keep_running;
  std::size_t next_loop = 0;
  std::optional<tcp::acceptor> acceptor;
  std::optional<asio::ssl::context> tls;  // tls_cert_file / tls_key_file
  std::optional<asio::thread_pool> workers;
  std::optional<asio::thread_pool> heavy;
  std::vector<std::thread> threads;
  std::uint16_t port = 0;
  std::atomic<bool> stopping{false};
  std::atomic<int> active{0};        // requests between "read" and "written"
  std::atomic<int> queued{0};        // blocking handlers waiting for or running on a worker
  std::atomic<int> heavy_queued{0};  // heavy handlers waiting for or running on the heavy pool
  int max_queued = 0;
  int max_heavy_queued = 0;
  std::size_t largest_body_limit = 0;  // the largest any route allows
  std::mutex mutex;
  std::condition_variable cv;
  bool stopped = false;

  Impl(ServerOptions o, Router r)
      : options(std::move(o)),
        router(std::move(r)),
        metrics_ptr(options.metrics ? options.metrics : std::make_shared<Metrics>()),
        metrics(*metrics_ptr) {
    if (!options.render_error) options.render_error = DefaultRenderError;
    if (options.io_threads <= 0)
      options.io_threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    // Measured on 2 cores with SQLite: 4 workers serve /me 1.7× faster than 16 (less switching).
    if (options.worker_threads <= 0) options.worker_threads = std::max(4, 2 * cores);
    if (options.heavy_threads <= 0) options.heavy_threads = cores;
    largest_body_limit = options.body_limit;
    for (const auto& route : router.Routes()) largest_body_limit = std::max(largest_body_limit, route.body_limit);
    max_queued = options.worker_threads * 64;
    max_heavy_queued = options.heavy_threads + std::max(0, options.heavy_queue);
  }

  Response RenderError(const Request& request, const Error& error) {
    try {
      return options.render_error(request, error);
    } catch (...) {
      return DefaultRenderError(request, error);
    }
  }

  Response Invoke(const Route& route, Request& request) {
    try {
      return route.handler(request);
    } catch (const std::exception& e) {
      log::Error("handler_exception",
                 {{"route", request.route}, {"request_id", request.request_id}, {"what", e.what()}});
      return RenderError(request, Error::Internal(e.what()));
    } catch (...) {
      return RenderError(request, Error::Internal("unknown exception"));
    }
  }

  // The body limit of the route a request header names (the server's own when the route has none).
  std::size_t BodyLimitFor(Method method, std::string_view target) const {
    if (largest_body_limit == options.body_limit) return options.body_limit;
    Request probe;
    probe.method = method;
    probe.path = PercentDecode(target.substr(0, target.find('?')), false);
    auto match = router.Find(probe);
    return match.route != nullptr && match.route->body_limit > 0 ? match.route->body_limit : options.body_limit;
  }

  asio::awaitable<Response> Handle(Request& request) {
    auto match = router.Find(request);
    if (request.method == Method::kOptions && match.path_known) {
      std::string allow;
      for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
      co_return Response::NoContent().SetHeader("Allow", allow);
    }
    if (match.route == nullptr) {
      if (match.path_known) {
        std::string allow;
        for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
        request.route = "(method_not_allowed)";
        Error error{ErrorCode::kInvalidArgument, "method not allowed for this path"};
        error.api_code = "method_not_allowed";
        auto response = RenderError(request, error);
        response.status = 405;
        response.SetHeader("Allow", allow);
        co_return response;
      }
      if ((request.method == Method::kGet || request.method == Method::kHead) && router.Fallback()) {
        request.route = "(static)";
        co_return router.Fallback()(request);
      }
      request.route = "(unmatched)";
      co_return RenderError(request, Error::NotFound("no such endpoint"));
    }
    const auto dispatch = match.route->dispatch;
    if (dispatch == Dispatch::kInline ||
        (options.inline_reads &&
         (dispatch == Dispatch::kRead || (dispatch == Dispatch::kPage && IsPlainPage(request.query))))) {
      co_return Invoke(*match.route, request);
    }

    bool heavy_route = dispatch == Dispatch::kHeavy;
    auto& counter = heavy_route ? heavy_queued : queued;
    if (counter.fetch_add(1) >= (heavy_route ? max_heavy_queued : max_queued)) {
      counter.fetch_sub(1);
      Error busy = Error::Unavailable("the server is busy, try again shortly");
      busy.api_code = "server_busy";
      busy.retry_after_seconds = 1;
      auto response = RenderError(request, busy);
      response.SetHeader("Retry-After", "1");
      co_return response;
    }
    const Route* route = match.route;
    auto executor = heavy_route ? heavy->get_executor() : workers->get_executor();
    Response response = co_await asio::co_spawn(
        executor, [this, route, &request]() -> asio::awaitable<Response> { co_return Invoke(*route, request); },
        asio::use_awaitable);
    counter.fetch_sub(1);
    co_return response;
  }

  bhttp::response<bhttp::string_body> ToBeast(Response& response, const Request& request, unsigned version,
                                              bool keep_alive) {
    bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(response.status), version};
    for (auto& [name, value] : response.headers) out.set(name, value);
    if (!response.content_type.empty()) out.set(bhttp::field::content_type, response.content_type);
    out.set(options.request_id_header, request.request_id);
    if (options.security_headers) {
      out.set("X-Content-Type-Options", "nosniff");
      out.set("Referrer-Policy", "no-referrer");
      out.set("X-Frame-Options", "DENY");
      if (out.find("Content-Security-Policy") == out.end()) out.set("Content-Security-Policy", kContentSecurityPolicy);
      if (out.find(bhttp::field::cache_control) == out.end()) out.set(bhttp::field::cache_control, "no-store");
    }
    if (!options.strict_transport_security.empty()) {
      out.set("Strict-Transport-Security", options.strict_transport_security);
    }
    out.keep_alive(keep_alive);
    std::size_t length = response.body.size();
    if (request.method != Method::kHead) out.body() = std::move(response.body);
    if (response.status == 204 || response.status == 304) {
      out.body().clear();
    } else {
      out.content_length(length);
    }
    return out;
  }

  void Finish(Request& request, int status, std::chrono::steady_clock::time_point start) {
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    metrics.Observe(request.route.empty() ? "(unmatched)" : request.route, ToString(request.method), status, seconds);
    if (options.access_log) {
      log::Info("http_request", {{"method", ToString(request.method)},
                                 {"path", request.path},
                                 {"route", request.route},
                                 {"status", status},
                                 {"ms", seconds * 1000.0},
                                 {"request_id", request.request_id},
                                 {"remote", request.remote_address},
                                 {"peer", request.peer_address}});
    }
  }

  // Writes a response for a request we could not read completely (413, 400); the caller closes.
  // (A plain function building the message, so that no Error is a coroutine parameter: GCC 12
  // mis-destroys by-value aggregate parameters of coroutines.)
  template <class Stream>
  asio::awaitable<void> Reject(Stream& stream, ErrorCode code, const std::string& message, const std::string& remote) {
    Request request;
    request.request_id = NewId("req");
    request.remote_address = remote;
    request.route = "(rejected)";
    auto start = std::chrono::steady_clock::now();
    auto response = RenderError(request, Error{code, message});
    auto out = ToBeast(response, request, 11, false);
    Finish(request, response.status, start);
    beast::get_lowest_layer(stream).expires_after(options.read_timeout);
    co_await bhttp::async_write(stream, out, kTuple);
    co_await Linger(stream);
  }

  // Lingering close: read and drop what the client is still sending for a moment, so that it
  // sees our answer instead of a connection reset.
  asio::awaitable<void> Linger(beast::tcp_stream& stream) {
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    std::array<char, 16384> sink;
    std::size_t drained = 0;
    stream.expires_after(std::chrono::seconds(1));
    while (drained < 8 * 1024 * 1024) {
      auto [ec, n] = co_await stream.async_read_some(asio::buffer(sink), kTuple);
      if (ec) break;
      drained += n;
    }
  }
  asio::awaitable<void> Linger(TlsStream& stream) { co_await CloseTls(stream); }

  asio::awaitable<void> CloseTls(TlsStream& stream) {
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(1));
    auto [ignored] = co_await stream.async_shutdown(kTuple);
    (void)ignored;  // the client may have gone already: nothing to do either way
  }

  asio::awaitable<void> Session(tcp::socket socket) {
    std::string remote;
    {
      boost::system::error_code ec;
      auto endpoint = socket.remote_endpoint(ec);
      if (!ec) remote = endpoint.address().to_string();
    }
    if (tls) {
      TlsStream stream(std::move(socket), *tls);
      beast::get_lowest_layer(stream).expires_after(options.header_timeout);
      auto [handshake_ec] = co_await stream.async_handshake(asio::ssl::stream_base::server, kTuple);
      if (handshake_ec) co_return;  // not TLS, or a client that gave up: nothing to answer
      co_await Serve(stream, remote);
      co_await CloseTls(stream);
    } else {
      beast::tcp_stream stream(std::move(socket));
      co_await Serve(stream, remote);
      boost::system::error_code ignored;
      stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }
  }

  template <class Stream>
  asio::awaitable<void> Serve(Stream& stream, const std::string& remote) {
    beast::flat_buffer buffer;
    bool first = true;
    while (!stopping.load()) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.body_limit(largest_body_limit);
      parser.header_limit(kHeaderLimit);
      beast::get_lowest_layer(stream).expires_after(first ? options.header_timeout : options.idle_timeout);
      first = false;
      auto [header_ec, header_bytes] = co_await bhttp::async_read_header(stream, buffer, parser, kTuple);
      if (header_ec == bhttp::error::body_limit) {
        co_await Reject(stream, ErrorCode::kPayloadTooLarge, TooLargeMessage(options.body_limit), remote);
        break;
      }
      if (header_ec) {
        if (header_ec != bhttp::error::end_of_stream && header_ec != beast::error::timeout &&
            header_ec != asio::error::eof && header_ec != asio::error::connection_reset && header_bytes > 0) {
          co_await Reject(stream, ErrorCode::kInvalidArgument, "malformed HTTP request", remote);
        }
        break;
      }
      // A request without a body (most GETs) needs no route's body limit.
      const std::size_t body_limit =
          parser.is_done() ? options.body_limit
                           : BodyLimitFor(FromBeast(parser.get().method()), std::string_view(parser.get().target()));
      if (parser.content_length() && *parser.content_length() > body_limit) {
        co_await Reject(stream, ErrorCode::kPayloadTooLarge, TooLargeMessage(body_limit), remote);
        break;
      }
      parser.body_limit(body_limit);
      active.fetch_add(1);
      metrics.AddInFlight(1);
      auto start = std::chrono::steady_clock::now();
      beast::get_lowest_layer(stream).expires_after(options.read_timeout);
      if (!parser.is_done()) {
        auto [body_ec, body_bytes] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
        if (body_ec) {
          if (body_ec == bhttp::error::body_limit) {
            co_await Reject(stream, ErrorCode::kPayloadTooLarge, TooLargeMessage(body_limit), remote);
          }
          active.fetch_sub(1);
          metrics.AddInFlight(-1);
          cv.notify_all();
          break;
        }
      }
      auto& message = parser.get();
      Request request = FromBeastMessage(message);
      request.peer_address = remote;
      request.remote_address = remote;
      if (!options.trusted_proxies.empty() && IsTrusted(remote, options.trusted_proxies)) {
        std::vector<std::string_view> forwarded;
        for (const auto& [name, value] : request.headers) {
          if (name == "x-forwarded-for") forwarded.emplace_back(value);
        }
        request.remote_address = ClientAddress(remote, forwarded, options.trusted_proxies);
        request.forwarded_https = request.Header("x-forwarded-proto") == "https";
      }
      auto incoming_id = request.Header(options.request_id_header);
      request.request_id = AcceptableRequestId(incoming_id) ? std::string(incoming_id) : NewId("req");

      Response response = co_await Handle(request);
      if (response.abort_connection) {
        boost::system::error_code ignored;
        beast::get_lowest_layer(stream).socket().set_option(asio::socket_base::linger(true, 0), ignored);
        beast::get_lowest_layer(stream).socket().close(ignored);
        Finish(request, 0, start);
        active.fetch_sub(1);
        metrics.AddInFlight(-1);
        cv.notify_all();
        co_return;
      }
      bool keep_alive = message.keep_alive() && !stopping.load();
      int status = response.status;
      auto out = ToBeast(response, request, message.version(), keep_alive);
      // Recorded before the write so that a client that has its answer also finds it counted.
      Finish(request, status, start);
      beast::get_lowest_layer(stream).expires_after(options.read_timeout);
      auto [write_ec, written] = co_await bhttp::async_write(stream, out, kTuple);
      active.fetch_sub(1);
      metrics.AddInFlight(-1);
      cv.notify_all();
      if (write_ec || !keep_alive) break;
    }
  }

  asio::awaitable<void> Listen() {
    while (!stopping.load()) {
      auto& loop = *loops[next_loop];
      next_loop = (next_loop + 1) % loops.size();
      auto [ec, socket] = co_await acceptor->async_accept(loop, kTuple);
      if (ec) {
        if (ec == asio::error::operation_aborted || stopping.load()) co_return;
        auto reason = ec.message();
        log::Warn("accept_failed", {{"error", reason}});
        continue;
      }
      socket.set_option(tcp::no_delay(true));
      asio::co_spawn(loop, Session(std::move(socket)), asio::detached);
    }
  }
};

Server::Server(ServerOptions options, Router router)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(router))) {}

Server::~Server() { Stop(std::chrono::milliseconds(1000)); }

Status Server::Start() {
  auto& s = *impl_;
  boost::system::error_code ec;
  auto address = asio::ip::make_address(s.options.address, ec);
  if (ec) return Fail(Error::InvalidArgument("invalid listen address: " + s.options.address));
  if (!s.options.tls_cert_file.empty()) {
    s.tls.emplace(asio::ssl::context::tls_server);
    s.tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                       asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1 |
                       asio::ssl::context::single_dh_use);
    s.tls->use_certificate_chain_file(s.options.tls_cert_file, ec);
    if (ec) return Fail(Error::InvalidArgument("tls_cert_file " + s.options.tls_cert_file + ": " + ec.message()));
    s.tls->use_private_key_file(s.options.tls_key_file, asio::ssl::context::pem, ec);
    if (ec) return Fail(Error::InvalidArgument("tls_key_file " + s.options.tls_key_file + ": " + ec.message()));
  }
  tcp::endpoint endpoint(address, s.options.port);
  for (int i = 0; i < s.options.io_threads; ++i) {
    s.loops.push_back(std::make_unique<asio::io_context>(1));
    s.keep_running.push_back(asio::make_work_guard(*s.loops.back()));
  }
  s.acceptor.emplace(*s.loops.front());
  s.acceptor->open(endpoint.protocol(), ec);
  if (!ec) s.acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor->bind(endpoint, ec);
  if (!ec) s.acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Fail(Error::Unavailable("cannot listen on " + s.options.address + ":" + std::to_string(s.options.port) +
                                   ": " + ec.message()));
  }
  s.port = s.acceptor->local_endpoint().port();
  s.workers.emplace(static_cast<std::size_t>(s.options.worker_threads));
  s.heavy.emplace(static_cast<std::size_t>(s.options.heavy_threads));
  asio::co_spawn(*s.loops.front(), s.Listen(), asio::detached);
  for (auto& loop : s.loops) {
    s.threads.emplace_back([&loop] { loop->run(); });
  }
  return {};
}

std::uint16_t Server::Port() const { return impl_->port; }

Metrics& Server::GetMetrics() { return impl_->metrics; }

void Server::Stop(std::chrono::milliseconds drain) {
  auto& s = *impl_;
  {
    std::lock_guard lock(s.mutex);
    if (s.stopped || s.threads.empty()) {
      s.stopped = true;
      s.cv.notify_all();
      return;
    }
  }
  s.stopping.store(true);
  asio::post(*s.loops.front(), [&s] {
    boost::system::error_code ignored;
    if (s.acceptor) s.acceptor->close(ignored);
  });
  bool drained = false;
  {
    std::unique_lock lock(s.mutex);
    drained = s.cv.wait_for(lock, drain, [&s] { return s.active.load() == 0; });
  }
  if (!drained && s.options.on_drain_deadline) {
    log::Warn("drain_deadline", {{"in_flight", s.active.load()}});
    s.options.on_drain_deadline();
  }
  for (auto& loop : s.loops) loop->stop();
  for (auto& t : s.threads) t.join();
  s.threads.clear();
  if (s.workers) s.workers->join();
  if (s.heavy) s.heavy->join();
  {
    std::lock_guard lock(s.mutex);
    s.stopped = true;
  }
  s.cv.notify_all();
}

void Server::Wait() {
  auto& s = *impl_;
  std::unique_lock lock(s.mutex);
  s.cv.wait(lock, [&s] { return s.stopped; });
}

void RunUntilSignalled(Server& server) {
  asio::io_context signals_ioc;
  asio::signal_set signals(signals_ioc, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code&, int signal) {
    log::Info("shutdown", {{"signal", signal}});
    server.Stop();
  });
  // Handled from here on: a signal the caller held blocked while starting is delivered now.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_UNBLOCK, &stop, nullptr);
  signals_ioc.run();
}

}  // namespace portal::http
