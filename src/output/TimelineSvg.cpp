#include "output/TimelineSvg.hpp"

#include "output/TextFit.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace kindly {
namespace {

constexpr double kWidth = 1400;       // px; A4 landscape prints it at about 5 px per mm
constexpr double kLeft = 130;         // the lanes' labels
constexpr double kRight = 170;        // room for the last captions to run past the end
constexpr double kLaneHeight = 44;
constexpr double kCaptionRowHeight = 16;
constexpr int kMinCaptionRows = 3, kMaxCaptionRows = 8;
constexpr double kCaptionMinRoom = 80;  // px: about 12 characters of each caption at least

std::string escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') out += c;  // XML forbids most controls
        }
    }
    return out;
}

std::string num(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", v);
    return text;
}

/// At most `chars` code points, with "…" when cut (nothing when there is no room).
std::string clip(const std::string& text, int chars) { return fitText(text, static_cast<std::size_t>(std::max(0, chars))); }

/// A tick step that gives 6 to 15 ticks over `seconds`.
double tickStep(double seconds) {
    for (double step : {5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1800.0, 3600.0})
        if (seconds / step <= 15) return step;
    return 7200;
}

std::string clock(double seconds) {
    const long s = std::lround(seconds);
    char text[32];
    if (s >= 3600) std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else std::snprintf(text, sizeof text, "%ld:%02ld", s / 60, s % 60);
    return text;
}

class Drawing {
public:
    Drawing(const Script& script, const Timeline& tl) : script_(script), tl_(tl) {
        const Frames end = std::max<Frames>(1, std::max(tl.length, tl.renderEnd));
        scale_ = (kWidth - kLeft - kRight) / static_cast<double>(end);
        // As many caption rows as it takes to give each caption some room (dense sessions).
        const auto& cues = tl.captions;
        for (captionRows_ = kMinCaptionRows; captionRows_ < kMaxCaptionRows; ++captionRows_) {
            bool roomy = true;
            for (std::size_t i = 0; i + static_cast<std::size_t>(captionRows_) < cues.size(); ++i)
                roomy = roomy && x(cues[i + static_cast<std::size_t>(captionRows_)].start) - x(cues[i].start) >= kCaptionMinRoom;
            if (roomy) break;
        }
    }

    std::string run() {
        lanes_ = {"Voice", "Captions", "Bells", "Breathing", "Pauses"};
        for (const AmbientSpan& a : tl_.ambients) lanes_.push_back("Ambient: " + script_.ambients[static_cast<std::size_t>(a.ambient)].id);
        top_ = 86;
        const double height = laneY(static_cast<int>(lanes_.size())) + 40;
        svg_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             << "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" << num(kWidth) << "\" height=\"" << num(height)
             << "\" viewBox=\"0 0 " << num(kWidth) << " " << num(height) << "\" font-family=\"DejaVu Sans, Verdana, sans-serif\">\n"
             << "<title>" << escape(script_.session.title) << " - Kindly timeline</title>\n"
             << "<defs><pattern id=\"elastic\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
             << "<rect width=\"8\" height=\"8\" fill=\"#eef3f1\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#9bb8ae\" stroke-width=\"3\"/>"
             << "</pattern></defs>\n"
             << "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
        header();
        chapters(height);
        axis(height);
        labels();
        voice();
        bells();
        breathing();
        pauses();
        ambients();
        svg_ << "</svg>\n";
        return svg_.str();
    }

private:
    const Script& script_;
    const Timeline& tl_;
    std::ostringstream svg_;
    std::vector<std::string> lanes_;
    double scale_ = 1, top_ = 0;
    int captionRows_ = kMinCaptionRows;

    double x(Frames f) const { return kLeft + static_cast<double>(f) * scale_; }
    double laneY(int lane) const {
        // The captions' lane holds several rows of text.
        double y = top_;
        for (int i = 0; i < lane; ++i) y += i == 1 ? captionRows_ * kCaptionRowHeight + 8 : kLaneHeight;
        return y;
    }
    double seconds(Frames f) const { return static_cast<double>(f) / tl_.rate; }
    const std::string& stepId(int step) const { return script_.steps[static_cast<std::size_t>(step)].id; }

    void header() {
        std::string subtitle = clock(seconds(tl_.length)) + " at " + std::to_string(tl_.rate) + " Hz";
        if (tl_.hasElastic) {
            char f[16];
            std::snprintf(f, sizeof f, "%.3f", tl_.elasticFraction);
            subtitle += "; elastic pauses at f = " + std::string(f) + " (reachable " + formatClock(tl_.minLength) + " to " +
                        formatClock(tl_.maxLength) + ")";
        }
        subtitle += "; " + std::to_string(tl_.steps.size()) + " steps, " + std::to_string(tl_.voices.size()) + " voice clips";
        svg_ << "<text x=\"" << num(kLeft) << "\" y=\"30\" font-size=\"20\" font-weight=\"bold\" fill=\"#1d2b28\">"
             << escape(script_.session.title) << "</text>\n"
             << "<text x=\"" << num(kLeft) << "\" y=\"52\" font-size=\"13\" fill=\"#4f5f5a\">" << escape(subtitle) << "</text>\n";
    }

    void chapters(double height) {
        int i = 0;
        for (const ChapterSpan& c : tl_.chapters) {
            const double x0 = x(c.start), x1 = x(c.end);
            svg_ << "<g class=\"chapter\"><rect x=\"" << num(x0) << "\" y=\"" << num(top_ - 16) << "\" width=\"" << num(std::max(1.0, x1 - x0))
                 << "\" height=\"" << num(height - top_ - 8) << "\" fill=\"" << (i % 2 ? "#f4f1ea" : "#eaf0ee") << "\"/>"
                 << "<text x=\"" << num(x0 + 4) << "\" y=\"" << num(top_ - 4) << "\" font-size=\"12\" font-weight=\"bold\" fill=\"#3d4f49\">"
                 << escape(clip(c.title, static_cast<int>((x1 - x0 - 6) / 8.2))) << "</text></g>\n";
            ++i;
        }
    }

    void axis(double height) {
        const double total = seconds(std::max(tl_.length, tl_.renderEnd));
        const double step = tickStep(total);
        const double y = height - 28;
        svg_ << "<g class=\"axis\" font-size=\"11\" fill=\"#4f5f5a\">\n"
             << "<line x1=\"" << num(kLeft) << "\" y1=\"" << num(y) << "\" x2=\"" << num(kWidth - kRight) << "\" y2=\"" << num(y)
             << "\" stroke=\"#7d8b86\"/>\n";
        for (double t = 0; t <= total + 1e-9; t += step) {
            const double tx = kLeft + t * tl_.rate * scale_;
            svg_ << "<line x1=\"" << num(tx) << "\" y1=\"" << num(top_ - 16) << "\" x2=\"" << num(tx) << "\" y2=\"" << num(y + 4)
                 << "\" stroke=\"#d5dcd9\" stroke-width=\"0.6\"/>"
                 << "<text x=\"" << num(tx) << "\" y=\"" << num(y + 18) << "\" text-anchor=\"middle\">" << clock(t) << "</text>\n";
        }
        // The session's end (sounds may ring on after it).
        svg_ << "<line x1=\"" << num(x(tl_.length)) << "\" y1=\"" << num(top_ - 16) << "\" x2=\"" << num(x(tl_.length)) << "\" y2=\""
             << num(y) << "\" stroke=\"#1d2b28\" stroke-dasharray=\"4 3\"/>\n</g>\n";
    }

    void labels() {
        for (std::size_t i = 0; i < lanes_.size(); ++i) {
            const double y = laneY(static_cast<int>(i));
            svg_ << "<text x=\"10\" y=\"" << num(y + 22) << "\" font-size=\"12\" fill=\"#1d2b28\">" << escape(clip(lanes_[i], 18))
                 << "</text>\n";
        }
    }

    void voice() {
        const double y = laneY(0) + 8, h = kLaneHeight - 16;
        svg_ << "<g class=\"voice\">\n";
        for (const VoiceEvent& v : tl_.voices) {
            const char* fill = v.origin == VoiceOrigin::Synthesized ? "#8fb7a9" : "#3f7f6b";
            const std::string words = script_.steps[static_cast<std::size_t>(v.step)].captionText().value_or(
                script_.steps[static_cast<std::size_t>(v.step)].say.value_or(""));
            svg_ << "<rect class=\"voice-clip\" x=\"" << num(x(v.start)) << "\" y=\"" << num(y) << "\" width=\""
                 << num(std::max(1.0, static_cast<double>(v.length) * scale_)) << "\" height=\"" << num(h) << "\" rx=\"3\" fill=\"" << fill
                 << "\"><title>" << escape(stepId(v.step) + " (" + clock(seconds(v.start)) + ", " +
                                           (v.origin == VoiceOrigin::Synthesized ? "synthesized" : "recorded") + "): " + words)
                 << "</title></rect>\n";
        }
        svg_ << "</g>\n";
        // Captions under their clips, taking the rows in turn; each runs until the caption
        // that next uses its row (at ~6.2 px a character), so neighbours never overlap.
        svg_ << "<g class=\"captions\" font-size=\"11\" fill=\"#33413d\">\n";
        const auto& cues = tl_.captions;
        for (std::size_t i = 0; i < cues.size(); ++i) {
            const double cx = x(cues[i].start);
            const std::size_t rows = static_cast<std::size_t>(captionRows_);
            const double until = i + rows < cues.size() ? x(cues[i + rows].start) - 6 : kWidth - 8;
            const std::string text = clip(cues[i].text, static_cast<int>((until - cx) / 6.2));
            svg_ << "<text x=\"" << num(cx) << "\" y=\"" << num(laneY(1) + 12 + static_cast<double>(i % rows) * kCaptionRowHeight)
                 << "\">" << escape(text) << "</text>\n";
        }
        svg_ << "</g>\n";
    }

    void bells() {
        const double y = laneY(2) + kLaneHeight / 2 - 4;
        svg_ << "<g class=\"bells\" font-size=\"10\" fill=\"#6a5a2e\">\n";
        for (const BellEvent& b : tl_.bells) {
            const double bx = x(b.start), r = b.interval ? 4 : 6;
            const Step& step = script_.steps[static_cast<std::size_t>(b.step)];
            const std::string name = b.interval ? step.intervalBell->sound.text : step.bell->text;
            svg_ << "<path class=\"bell\" d=\"M" << num(bx) << " " << num(y - r) << " L" << num(bx + r) << " " << num(y) << " L" << num(bx)
                 << " " << num(y + r) << " L" << num(bx - r) << " " << num(y) << " Z\" fill=\"#c9a437\"><title>" << escape(name) << " at "
                 << clock(seconds(b.start)) << "</title></path>";
            if (!b.interval) svg_ << "<text x=\"" << num(bx + 8) << "\" y=\"" << num(y + 14) << "\">" << escape(clip(name, 14)) << "</text>";
            svg_ << "\n";
        }
        svg_ << "</g>\n";
    }

    void breathing() {
        // One line per breathing step: up over "in", level over "hold", down over "out".
        const double low = laneY(3) + kLaneHeight - 8, high = laneY(3) + 8;
        svg_ << "<g class=\"breathing\" fill=\"none\" stroke=\"#4d7fa6\" stroke-width=\"1.6\">\n";
        int step = -1;
        std::string points;
        const auto flush = [&] {
            if (!points.empty()) svg_ << "<polyline class=\"breath\" points=\"" << points << "\"/>\n";
            points.clear();
        };
        for (const BreathEvent& b : tl_.breaths) {
            if (b.step != step) {
                flush();
                step = b.step;
                points = num(x(b.start)) + "," + num(low);
            }
            const bool up = b.phase == BreathPhase::In || b.phase == BreathPhase::Hold;
            points += " " + num(x(b.start + b.length)) + "," + num(up ? high : low);
        }
        flush();
        svg_ << "</g>\n";
    }

    void pauses() {
        const double y = laneY(4) + 10, h = kLaneHeight - 20;
        svg_ << "<g class=\"pauses\" font-size=\"10\" fill=\"#4f5f5a\">\n";
        for (const StepTiming& s : tl_.steps) {
            if (s.end > s.pauseStart) {
                const Step& step = script_.steps[static_cast<std::size_t>(s.step)];
                std::string tip = stepId(s.step) + ": pause " + formatDuration(nanosFromFrames(s.end - s.pauseStart, tl_.rate));
                if (s.elasticPause) tip += " (elastic " + formatDuration(step.pause.min) + ".." + formatDuration(step.pause.max) + ")";
                svg_ << "<rect class=\"" << (s.elasticPause ? "pause elastic" : "pause") << "\" x=\"" << num(x(s.pauseStart)) << "\" y=\""
                     << num(y) << "\" width=\"" << num(std::max(1.0, static_cast<double>(s.end - s.pauseStart) * scale_)) << "\" height=\""
                     << num(h) << "\" fill=\"" << (s.elasticPause ? "url(#elastic)" : "#e3e8e6") << "\" stroke=\"#9aa8a3\" stroke-width=\"0.6\"><title>"
                     << escape(tip) << "</title></rect>\n";
            }
            if (s.wait)
                svg_ << "<text class=\"wait\" x=\"" << num(x(s.end) - 3) << "\" y=\"" << num(y + h + 10)
                     << "\" text-anchor=\"end\">waits</text>\n";
        }
        svg_ << "</g>\n";
    }

    void ambients() {
        int lane = 5;
        for (const AmbientSpan& a : tl_.ambients) {
            const double base = laneY(lane) + kLaneHeight - 6, full = kLaneHeight - 14;
            // The level over time: the fades (linear here), and the duck's dips in between.
            std::vector<Frames> times = {a.start, a.fadeInEnd, a.fadeOutStart, a.end};
            for (const DuckRamp& d : tl_.duckRamps) {
                if (d.start > a.start && d.start < a.end) times.push_back(d.start);
                if (d.end > a.start && d.end < a.end) times.push_back(d.end);
            }
            std::sort(times.begin(), times.end());
            times.erase(std::unique(times.begin(), times.end()), times.end());
            std::string points = num(x(a.start)) + "," + num(base);
            for (Frames t : times) {
                double fade = 1;
                if (t < a.fadeInEnd && a.fadeInEnd > a.start) fade = static_cast<double>(t - a.start) / static_cast<double>(a.fadeInEnd - a.start);
                if (t > a.fadeOutStart && a.end > a.fadeOutStart) fade = static_cast<double>(a.end - t) / static_cast<double>(a.end - a.fadeOutStart);
                const double level = std::clamp(fade, 0.0, 1.0) * std::pow(10.0, tl_.duckDbAt(t) / 20.0);
                points += " " + num(x(t)) + "," + num(base - level * full);
            }
            points += " " + num(x(a.end)) + "," + num(base);
            const Ambient& ambient = script_.ambients[static_cast<std::size_t>(a.ambient)];
            svg_ << "<polygon class=\"ambient\" points=\"" << points << "\" fill=\"#b9d3e6\" stroke=\"#4d7fa6\" stroke-width=\"0.8\"><title>"
                 << escape(ambient.id + " (" + ambient.sound.text + "): fades in over " +
                           formatDuration(nanosFromFrames(a.fadeInEnd - a.start, tl_.rate)) + ", out over " +
                           formatDuration(nanosFromFrames(a.end - a.fadeOutStart, tl_.rate)) + "; dips under the voice")
                 << "</title></polygon>\n";
            ++lane;
        }
    }
};

}  // namespace

std::string timelineSvg(const Script& script, const Timeline& timeline) { return Drawing(script, timeline).run(); }

}  // namespace kindly
