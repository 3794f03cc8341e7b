#include "app/PrepareOrReport.hpp"

#include "platform/Language.hpp"

#include <ostream>

#include "app/Commands.hpp"
#include "platform/StopRequest.hpp"

namespace kindly {

std::optional<PreparedSession> prepareOrReport(const std::filesystem::path& file, const PrepareOptions& options,
                                               std::ostream& err, int& status) {
    PreparedSession p = prepareSession(file, options);
    if (stopRequested()) {
        // Ctrl-C (or SIGTERM, SIGHUP) while speech was made: its engines were ended already.
        err << file.string() << ": " << tr("stopped while preparing the session (its voice engines were ended)") << "\n";
        status = 128 + stopSignal();
        return std::nullopt;
    }
    for (const auto& d : p.diagnostics.items()) err << formatDiagnostic(d) << "\n";
    if (p.unreadable) {
        status = kExitUsage;
        return std::nullopt;
    }
    if (!p.ok()) {
        status = kExitInvalid;
        return std::nullopt;
    }
    status = kExitOk;
    return p;
}

}  // namespace kindly
