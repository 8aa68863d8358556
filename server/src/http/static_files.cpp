#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/log.hpp"
#include "http/error_response.hpp"

namespace portal::http {
namespace {

std::string ContentType(const std::filesystem::path& path) {
  auto ext = path.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".yaml" || ext == ".yml") return "application/yaml";
  return "application/octet-stream";
}

}  // namespace

StaticFiles::StaticFiles(const std::string& directory) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (directory.empty() || !fs::is_directory(directory, ec)) {
    log::Warn("web_app_missing", {{"dir", directory}});
    return;
  }
  for (auto it = fs::recursive_directory_iterator(directory, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    auto relative = fs::relative(it->path(), directory).generic_string();
    files_["/" + relative] = File{content.str(), ContentType(it->path())};
  }
  log::Info("web_app_loaded", {{"dir", directory}, {"files", files_.size()}});
}

Response StaticFiles::Serve(const Request& request) const {
  std::string path = request.path;
  if (path.starts_with("/api/")) {
    // Never answer an unknown API path with the app's HTML.
    return ErrorResponse(request, Error::NotFound("no such endpoint"));
  }
  auto it = files_.find(path);
  bool fallback = false;
  if (it == files_.end()) {
    if (path.starts_with("/assets/")) {
      return Response::Text(404, "not found\n");
    }
    it = files_.find("/index.html");
    fallback = true;
  }
  if (it == files_.end()) {
    auto response =
        Response::Text(200,
                       "<!doctype html><meta charset=utf-8><title>AppGenius Portal</title>"
                       "<p>The web app is not built. Run <code>make run</code> (it builds web/ with npm).</p>",
                       "text/html; charset=utf-8");
    return response;
  }
  Response response = Response::Text(200, it->second.content, it->second.content_type);
  if (!fallback && path.starts_with("/assets/")) {
    response.SetHeader("Cache-Control", "public, max-age=31536000, immutable");
  } else {
    response.SetHeader("Cache-Control", "no-cache");
  }
  return response;
}

}  // namespace portal::http
