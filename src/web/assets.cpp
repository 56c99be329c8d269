// Lookup of embedded files, their content types and content hashes (computed once).
#include "web/assets.hpp"

#include <map>

#include "formats/digest/sha256.hpp"

namespace riskloop::web {
namespace {

std::string_view content_type_of(std::string_view name) {
  const auto dot = name.rfind('.');
  const auto ext = dot == std::string_view::npos ? std::string_view{} : name.substr(dot + 1);
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "js") return "text/javascript; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "ico") return "image/x-icon";
  return "application/octet-stream";
}

const std::map<std::string_view, StaticFile>& static_files() {
  static const auto files = [] {
    std::map<std::string_view, StaticFile> out;
    for (const auto& f : embedded_static_files()) {
      const auto version = formats::sha256_hex(f.content).substr(0, 16);
      out.emplace(f.name,
                  StaticFile{f.name, f.content, content_type_of(f.name), "\"" + version + "\"",
                             version});
    }
    return out;
  }();
  return files;
}

const std::map<std::string_view, std::string_view>& templates() {
  static const auto files = [] {
    std::map<std::string_view, std::string_view> out;
    for (const auto& f : embedded_templates()) out.emplace(f.name, f.content);
    return out;
  }();
  return files;
}

}  // namespace

const StaticFile* find_static_file(std::string_view name) {
  const auto& files = static_files();
  const auto it = files.find(name);
  return it == files.end() ? nullptr : &it->second;
}

std::string static_url(std::string_view name) {
  const auto* f = find_static_file(name);
  return "/static/" + std::string(name) + (f ? "?v=" + f->version : std::string());
}

const std::string_view* find_template(std::string_view name) {
  const auto& files = templates();
  const auto it = files.find(name);
  return it == files.end() ? nullptr : &it->second;
}

}  // namespace riskloop::web
