#include "http/router.hpp"

#include <algorithm>

namespace portal::http {
namespace {

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

// Matches a path's segments against a route's; fills params on success.
bool MatchSegments(const std::vector<std::string>& want, const std::vector<std::string_view>& have,
                   std::vector<std::pair<std::string, std::string>>& params) {
  if (want.size() != have.size()) return false;
  for (std::size_t i = 0; i < want.size(); ++i) {
    const auto& w = want[i];
    if (w.size() > 2 && w.front() == '{' && w.back() == '}') continue;
    if (w != have[i]) return false;
  }
  params.clear();
  for (std::size_t i = 0; i < want.size(); ++i) {
    const auto& w = want[i];
    if (w.size() > 2 && w.front() == '{' && w.back() == '}') {
      params.emplace_back(w.substr(1, w.size() - 2), std::string(have[i]));
    }
  }
  return true;
}

}  // namespace

bool IsPlainPage(std::string_view query) {
  std::size_t start = 0;
  while (start < query.size()) {
    auto end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    auto name = query.substr(start, end - start);
    name = name.substr(0, name.find('='));
    if (!name.empty() && name != "limit" && name != "cursor") return false;
    start = end + 1;
  }
  return true;
}

void Router::Add(Method method, std::string pattern, Handler handler, Dispatch dispatch, std::size_t body_limit) {
  std::vector<std::string> segments;
  for (auto segment : Segments(pattern)) segments.emplace_back(segment);
  routes_.push_back(Route{method, std::move(pattern), std::move(handler), dispatch, body_limit, std::move(segments)});
}

Router::Match Router::Find(Request& request) const {
  Match match;
  std::vector<std::pair<std::string, std::string>> params;
  // HEAD is served by the GET route.
  Method wanted = request.method == Method::kHead ? Method::kGet : request.method;
  const auto have = Segments(request.path);
  for (const auto& route : routes_) {
    if (!MatchSegments(route.segments, have, params)) continue;
    match.path_known = true;
    auto name = std::string(ToString(route.method));
    if (std::find(match.allowed.begin(), match.allowed.end(), name) == match.allowed.end()) {
      match.allowed.push_back(name);
      if (route.method == Method::kGet) match.allowed.emplace_back("HEAD");
    }
    if (route.method == wanted && match.route == nullptr) {
      match.route = &route;
      request.path_params = params;
      request.route = route.pattern;
    }
  }
  if (match.path_known) match.allowed.emplace_back("OPTIONS");
  return match;
}

}  // namespace portal::http
