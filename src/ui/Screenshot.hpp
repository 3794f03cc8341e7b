#pragma once
// Saving a drawn frame as a PNG (libpng), atomically: the file appears only when complete.

#include <filesystem>
#include <string>

#include "ui/WindowApp.hpp"

namespace kindly::ui {

/// False (with `error`) when the file cannot be written.
bool savePng(const Image& image, const std::filesystem::path& file, std::string& error);
/// Reads a PNG back (for tests): an empty image when it cannot.
Image loadPng(const std::filesystem::path& file);

}  // namespace kindly::ui
