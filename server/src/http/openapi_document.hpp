#pragma once
// docs/api/openapi.yaml, compiled in at build time (served at GET /api/v1/openapi.yaml).

#include <string_view>

namespace portal::http {

std::string_view OpenApiDocument();

}  // namespace portal::http
