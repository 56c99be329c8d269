// Products: the devices whose risk riskloop manages.
#pragma once

#include <string>

#include "core/error.hpp"
#include "core/record.hpp"

namespace riskloop {

struct Product {
  static constexpr std::string_view entity = "product";
  static constexpr std::string_view table = "products";
  static constexpr Scope scope = Scope::organization;

  RecordHeader header;
  std::string name;         // "Firehawk rapamycin target-eluting coronary stent system"
  std::string family;       // "Coronary stents"
  std::string model;        // "FH-3.0x18"
  std::string description;  // free text, several lines allowed

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("name", s.name);
    v("family", s.family);
    v("model", s.model);
    v("description", s.description);
  }
};

// The fields a person may set; checked here so every entry point applies the same rules.
struct ProductInput {
  std::string name;
  std::string family;
  std::string model;
  std::string description;

  template <class V, class Self>
  static void fields(V& v, Self& s) {
    v("name", s.name);
    v("family", s.family);
    v("model", s.model);
    v("description", s.description);
  }
};

Status validate(const ProductInput& input);

// The settable fields of a stored product (the starting point of a partial update).
inline ProductInput to_input(const Product& p) { return {p.name, p.family, p.model, p.description}; }

}  // namespace riskloop
