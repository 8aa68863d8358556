#pragma once

#include "domain/auth_service.hpp"
#include "domain/legacy_import.hpp"
#include "http/router.hpp"

namespace portal::http {

// The largest export the web app may upload in one request (the files travel as JSON strings).
inline constexpr std::size_t kImportBodyLimit = 64 * 1024 * 1024;

// POST /api/v1/import/legacy-mongo: the old portal's export, dry run or apply (SuperAdmin).
void AddImportRoutes(Router& router, domain::AuthService& auth, domain::LegacyImportService& import);

}  // namespace portal::http
