#pragma once
// Serves the built web app from a directory, loaded into memory at start-up so that no file I/O
// happens on the I/O threads. Hashed assets under /assets/ are cached for a year; index.html is
// revalidated; any other GET that is not under /api/ falls back to index.html (SPA routing).

#include <string>
#include <unordered_map>

#include "http/message.hpp"

namespace portal::http {

class StaticFiles {
 public:
  // Loads every regular file below `directory` (missing directory: serves a short notice page).
  explicit StaticFiles(const std::string& directory);
  Response Serve(const Request& request) const;
  std::size_t FileCount() const { return files_.size(); }

 private:
  struct File {
    std::string content;
    std::string content_type;
  };
  std::unordered_map<std::string, File> files_;  // by URL path, e.g. "/assets/index-abc.js"
};

}  // namespace portal::http
