#pragma once
// A small router: exact segments and {param} segments, e.g. "/api/v1/users/{id}/reset-password".
// Routes are added at start-up (not thread-safe then); Find is thread-safe afterwards.

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace portal::http {

using Handler = std::function<Response(Request&)>;

enum class Dispatch {
  kInline,    // cheap and non-blocking: runs on the I/O thread (health, metrics, static files)
  kBlocking,  // touches the database or calls upstream: runs on the worker pool
  kRead,      // a few indexed reads and nothing else (GET /me): on the I/O thread when the database
              // is SQLite in WAL mode (ServerOptions::inline_reads: a reader never waits for a
              // writer, and the hop to a worker cost more than the read), else on the worker pool
  kPage,      // a list: a page with no filter or search (IsPlainPage) is an index seek and a capped
              // count, run as kRead; a filter or a search `q` can read many rows: on the worker pool
  kHeavy,     // CPU-heavy (password hashing): runs on a small pool of its own, so that a wave of
              // logins cannot occupy the workers that serve everything else
};

struct Route {
  Method method;
  std::string pattern;
  Handler handler;
  Dispatch dispatch;
  std::size_t body_limit = 0;         // bytes; 0 = the server's limit (ServerOptions::body_limit)
  std::vector<std::string> segments;  // the pattern split at '/', once (Router::Add)
};

// True when a query string names no parameter but `limit` and `cursor` (Dispatch::kPage).
bool IsPlainPage(std::string_view query);

class Router {
 public:
  void Add(Method method, std::string pattern, Handler handler, Dispatch dispatch = Dispatch::kBlocking,
           std::size_t body_limit = 0);

  struct Match {
    const Route* route = nullptr;      // null: no route for the path (404) …
    bool path_known = false;           // … or the path exists with other methods (405)
    std::vector<std::string> allowed;  // methods allowed for the path (for OPTIONS/405)
  };
  // Fills request.path_params and request.route on success.
  Match Find(Request& request) const;

  // The fallback for GETs that match no route (the web app's static files); may be empty.
  void SetFallback(Handler handler) { fallback_ = std::move(handler); }
  const Handler& Fallback() const { return fallback_; }

  // Every route in the order it was added (for tests and tools that list the API).
  const std::vector<Route>& Routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  Handler fallback_;
};

}  // namespace portal::http
