#pragma once
// Demo prompts (R-P3): a linked, public three-step template set for modelling a
// successful landing page, plus one organization-only prompt per demo organization.

#include <map>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/repositories.hpp"

namespace portal::app {

// Creates the demo prompts once per database (remembered in settings); later calls do nothing.
// They are created by the SuperAdmin `super_admin_email` through PromptService (so audited);
// `organization_ids` maps demo organization names to ids.
Status SeedDemoPrompts(domain::Store& store, const Clock& clock, const std::string& super_admin_email,
                       const std::map<std::string, std::string>& organization_ids);

}  // namespace portal::app
