//! Go to definition: a parameter, region, named condition, rule or label
//! jumps to where it is declared, an `import "file"` to the file, if the
//! file lies inside the rule set's folder.

use std::path::Path;

use lsp_types::{Location, Position, Range};

use super::analysis::Analysis;
use super::position::{LineIndex, path_uri};
use super::symbols::{Place, Target, declarations, place, resolve, token_at};

/// Where the name or import at `position` in the document at `path` is
/// declared.
pub fn definition(analysis: &Analysis, path: &Path, position: Position) -> Option<Location> {
    let file = analysis.file(path)?;
    let text = &analysis.sources.get(file)?.text;
    let offset = LineIndex::new(text).offset(position);
    if let Place::String { open } = place(text, offset) {
        return import_target(analysis, path, text, open);
    }
    let token = token_at(text, offset)?;
    let files = analysis.files_for(Some(file));
    let decls = declarations(&files);
    let Some(Target::Decl(decl)) = resolve(&token.parts, token.called, &decls) else {
        return None;
    };
    let declared = analysis.sources.get(decl.span.file)?;
    let range = LineIndex::new(&declared.text).range(decl.span);
    Some(Location::new(path_uri(&declared.path)?, range))
}

/// The file an `import "…"` string opening at byte `open` names, when the
/// line is an import and the file is a rule file inside the folder whose
/// rule sets were read (nothing outside it is offered, as nothing outside
/// it is read).
fn import_target(analysis: &Analysis, path: &Path, text: &str, open: usize) -> Option<Location> {
    let before = text.get(..open)?;
    let line_start = before.rfind('\n').map_or(0, |i| i.saturating_add(1));
    if before.get(line_start..)?.trim() != "import" {
        return None;
    }
    let rest = text.get(open.saturating_add(1)..)?;
    let written = rest.get(..rest.find(['"', '\n'])?)?;
    let target = path.parent()?.join(written);
    let root = crate::confine::root(&analysis.folder);
    let inside = crate::confine::inside(&root, &target).ok()?;
    if !inside.is_file() || inside.extension().is_none_or(|e| e != "rules") {
        return None;
    }
    Some(Location::new(path_uri(&inside)?, Range::default()))
}
