// What the pages of product-owned declared types (registrations, complaints) add to the generic
// ones (web/record_pages.hpp): the product by name in lists and on the record's page, and chosen
// by name in the forms, not typed as an id.
#pragma once

#include "core/vigilance/complaint.hpp"
#include "core/vigilance/registration.hpp"
#include "web/record_pages.hpp"

namespace riskloop::web {

// The organization's products the caller may see, as {id, name} choices.
Choices product_choices(Call& c);
// The product's name, or its id when the caller cannot see it.
std::string product_name(Call& c, const Id& id);

template <class T>
struct ProductOwnedPagesHooks {
  static std::vector<DerivedColumn> derived_columns() { return {}; }
  static Cell derived_cell(Call&, const T&, std::string_view) { return {}; }
  static std::optional<Cell> cell(Call& c, const T& r, std::string_view field) {
    if (field != "product_id") return std::nullopt;
    return Cell{.text = product_name(c, r.product_id)};
  }
  static void add_choices(Call& c, FormSpec& spec) {
    spec.choices.emplace("product_id", product_choices(c));
  }
};

template <>
struct RecordPagesHooks<vigilance::Registration>
    : ProductOwnedPagesHooks<vigilance::Registration> {};
template <>
struct RecordPagesHooks<vigilance::Complaint> : ProductOwnedPagesHooks<vigilance::Complaint> {};

}  // namespace riskloop::web
