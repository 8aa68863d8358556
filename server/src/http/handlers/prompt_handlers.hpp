#pragma once
// The prompt library API (API.md "Prompts"): list/search, CRUD, versions, restore, render.

#include "domain/auth_service.hpp"
#include "domain/prompt_service.hpp"
#include "http/router.hpp"

namespace portal::http {

// Registers /api/v1/prompts…; `auth` and `prompts` must outlive the router.
void AddPromptRoutes(Router& router, domain::AuthService& auth, domain::PromptService& prompts);

}  // namespace portal::http
