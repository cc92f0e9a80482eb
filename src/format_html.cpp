// --format html: the reviewer's report, one self-contained page per result. This file is the
// format's row in the table of src/report.cpp; the pages are drawn in format_html_audit.cpp
// (audit, audit --instance) and format_html_reach.cpp (allows, diff, recommend) from the
// pieces in src/html/html.hpp.
#include "report_model.hpp"

namespace minrole {

namespace html_format {
std::string recommendation(const Model&, const Recommendation&);
std::string allows(const Model&, const Reach&);
std::string audit(const Model&, const AuditReport&);
std::string instance_audit(const Model&, const InstanceAuditReport&);
std::string diff(const Model&, const RoleDiff&);

namespace {
// The pages read the results through the views' model and source: they draw more than the
// shared facts (matrices, graphs, endpoint lists) and compute those from the result itself.
std::string recommendation_page(const report::RecommendationView& v) { return recommendation(*v.model, *v.source); }
std::string allows_page(const report::AllowsView& v) { return allows(*v.model, *v.source); }
std::string audit_page(const report::AuditView& v) { return audit(*v.model, *v.source); }
std::string instance_audit_page(const report::InstanceAuditView& v) { return instance_audit(*v.model, *v.source); }
std::string diff_page(const report::DiffView& v) { return diff(*v.model, *v.source); }
} // namespace
} // namespace html_format

namespace report {
const Renderers kHtmlRenderers{
    .recommendation = html_format::recommendation_page,
    .allows = html_format::allows_page,
    .audit = html_format::audit_page,
    .instance_audit = html_format::instance_audit_page,
    .diff = html_format::diff_page,
};
} // namespace report

} // namespace minrole
