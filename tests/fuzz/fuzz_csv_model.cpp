// libFuzzer harness: the CSV model loader. The input is a model directory in one file: a line
// `@units.csv` (or any other file name of the format) starts that file, which runs to the next
// such line; text before the first one is ignored, and a file named twice keeps its last text.
// What loads runs the whole pipeline (pipeline.hpp).
#include "pipeline.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace {

using namespace plangraph;

constexpr std::array files{model_file::units, model_file::plans, model_file::tasks,
                           model_file::links, model_file::indicators, model_file::calendar,
                           model_file::successions, model_file::resources, model_file::demands};

std::optional<model_file> file_named(std::string_view line) {
    for (auto f : files)
        if (line.size() == file_name(f).size() + 1 && line.front() == '@' && line.substr(1) == file_name(f)) return f;
    return std::nullopt;
}

/// The input's files, by model_file.
std::array<std::optional<std::string>, files.size()> split(std::string_view in) {
    std::array<std::optional<std::string>, files.size()> out;
    std::optional<std::string>* current = nullptr;
    while (!in.empty()) {
        auto eol = in.find('\n');
        auto line = in.substr(0, eol);
        in.remove_prefix(eol == std::string_view::npos ? in.size() : eol + 1);
        if (auto f = file_named(line)) {
            current = &out[static_cast<std::size_t>(*f)];
            current->emplace();
        } else if (current) {
            (*current)->append(line).append(eol == std::string_view::npos ? "" : "\n");
        }
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > fuzz::max_input) return -1;
    std::string_view in(reinterpret_cast<const char*>(data), size);
    auto texts = split(in);
    model_draft draft;
    if (!texts[0]) draft.problems.push_back({problem_kind::missing_column, "missing required file units.csv",
                                             {"units.csv"}, {"fuzz", 0, 0}});
    for (auto f : files)
        if (auto& text = texts[static_cast<std::size_t>(f)])
            read_model_csv(draft, f, std::move(*text), std::string(file_name(f)));
    model m;
    try {
        m = build(draft);
    } catch (const error&) {
        return 0;  // refused, as documented
    }
    fuzz::run(m, fuzz::input_hash({data, size}));
    return 0;
}
