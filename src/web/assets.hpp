// The web UI's templates and static files, embedded in the binary at build time
// (embed_web_assets.cmake), and how static files are named and cached.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace riskloop::web {

struct EmbeddedFile {
  std::string_view name;     // "layout" (templates, without .mustache) or "app.css"
  std::string_view content;
};

// Generated at build time.
std::span<const EmbeddedFile> embedded_templates();
std::span<const EmbeddedFile> embedded_static_files();
std::span<const EmbeddedFile> embedded_catalogues();  // "en.po" (web/message_catalogue.hpp)

struct StaticFile {
  std::string_view name;
  std::string_view content;
  std::string_view content_type;  // by extension
  std::string etag;               // "\"<first 16 hex digits of the SHA-256>\""
  std::string version;            // the same 16 hex digits, for URLs
};

// The static file called `name`, or nullptr.
const StaticFile* find_static_file(std::string_view name);

// "/static/app.css?v=<content hash>": a URL that changes whenever the file does, so it can be
// cached for a year.
std::string static_url(std::string_view name);

// The template text called `name`, or nullptr.
const std::string_view* find_template(std::string_view name);

}  // namespace riskloop::web
