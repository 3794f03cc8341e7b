#include "ui/Screenshot.hpp"

#include "platform/AtomicFile.hpp"

#include <png.h>

namespace kindly::ui {
namespace fs = std::filesystem;

bool savePng(const Image& image, const fs::path& file, std::string& error) {
    if (image.width <= 0 || image.height <= 0) {
        error = "nothing has been drawn";
        return false;
    }
    png_image png{};
    png.version = PNG_IMAGE_VERSION;
    png.width = static_cast<png_uint_32>(image.width);
    png.height = static_cast<png_uint_32>(image.height);
    png.format = PNG_FORMAT_RGB;  // the window is opaque: no alpha channel
    std::vector<std::uint8_t> rgb(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 3);
    for (std::size_t i = 0, j = 0; j < rgb.size(); i += 4, j += 3) {
        rgb[j] = image.rgba[i];
        rgb[j + 1] = image.rgba[i + 1];
        rgb[j + 2] = image.rgba[i + 2];
    }
    const fs::path temporary = file.string() + ".part";
    if (!png_image_write_to_file(&png, temporary.c_str(), 0, rgb.data(), 0, nullptr)) {
        error = "cannot write " + file.string() + ": " + png.message;
        std::error_code ec;
        fs::remove(temporary, ec);
        return false;
    }
    return moveIntoPlace(temporary, file, error);
}

Image loadPng(const fs::path& file) {
    png_image png{};
    png.version = PNG_IMAGE_VERSION;
    Image image;
    if (!png_image_begin_read_from_file(&png, file.c_str())) return image;
    png.format = PNG_FORMAT_RGBA;
    image.width = static_cast<int>(png.width);
    image.height = static_cast<int>(png.height);
    image.rgba.resize(PNG_IMAGE_SIZE(png));
    if (!png_image_finish_read(&png, nullptr, image.rgba.data(), 0, nullptr)) return {};
    return image;
}

}  // namespace kindly::ui
