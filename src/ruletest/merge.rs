//! Overrides: a folder's applicant with some fields replaced, merged as YAML
//! trees so each value keeps the line it came from (the data file's, or the
//! test file's for what the test changed).
//!
//! Mappings merge key by key; a list whose items all carry an `id` (the
//! household's members) merges item by item on that id, new ids appended;
//! any other value, lists included, is replaced whole.

use crate::model::yaml::{Node, NodeKind};

/// `base` with `over` laid on top.
pub(crate) fn merge(base: &Node, over: &Node) -> Node {
    match (&base.kind, &over.kind) {
        (NodeKind::Map(base_entries), NodeKind::Map(over_entries)) => {
            let mut entries = base_entries.clone();
            for (key, value) in over_entries {
                let existing = entries
                    .iter_mut()
                    .find(|(k, _)| k.as_str().is_some() && k.as_str() == key.as_str());
                match existing {
                    Some((_, slot)) => *slot = merge(slot, value),
                    None => entries.push((key.clone(), value.clone())),
                }
            }
            Node {
                kind: NodeKind::Map(entries),
                span: base.span,
            }
        }
        (NodeKind::Seq(base_items), NodeKind::Seq(over_items))
            if all_have_id(base_items) && all_have_id(over_items) =>
        {
            let mut items = base_items.clone();
            for item in over_items {
                let id = id_of(item);
                match items.iter_mut().find(|i| id_of(i) == id) {
                    Some(slot) => *slot = merge(slot, item),
                    None => items.push(item.clone()),
                }
            }
            Node {
                kind: NodeKind::Seq(items),
                span: base.span,
            }
        }
        _ => over.clone(),
    }
}

fn id_of(node: &Node) -> Option<&str> {
    node.get("id").and_then(Node::as_str)
}

fn all_have_id(items: &[Node]) -> bool {
    !items.is_empty() && items.iter().all(|i| id_of(i).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FileId, Span};

    fn scalar(v: &str) -> Node {
        Node {
            kind: NodeKind::Scalar {
                value: v.into(),
                plain: true,
            },
            span: Span::new(FileId(0), 0, 1),
        }
    }

    fn map(entries: Vec<(&str, Node)>) -> Node {
        Node {
            kind: NodeKind::Map(entries.into_iter().map(|(k, v)| (scalar(k), v)).collect()),
            span: Span::new(FileId(0), 0, 1),
        }
    }

    fn seq(items: Vec<Node>) -> Node {
        Node {
            kind: NodeKind::Seq(items),
            span: Span::new(FileId(0), 0, 1),
        }
    }

    #[test]
    fn members_merge_by_id_and_other_lists_are_replaced() {
        let base = map(vec![
            (
                "members",
                seq(vec![
                    map(vec![
                        ("id", scalar("m1")),
                        ("birth_date", scalar("1990-01-01")),
                    ]),
                    map(vec![
                        ("id", scalar("m2")),
                        ("birth_date", scalar("1991-01-01")),
                    ]),
                ]),
            ),
            ("residence", seq(vec![scalar("a"), scalar("b")])),
        ]);
        let over = map(vec![
            (
                "members",
                seq(vec![map(vec![
                    ("id", scalar("m2")),
                    ("birth_date", scalar("2000-01-01")),
                ])]),
            ),
            ("residence", seq(vec![scalar("c")])),
        ]);
        let merged = merge(&base, &over);
        let members = match &merged.get("members").map(|m| &m.kind) {
            Some(NodeKind::Seq(items)) => items.clone(),
            _ => Vec::new(),
        };
        assert_eq!(members.len(), 2);
        assert_eq!(
            members[1].get("birth_date").and_then(Node::as_str),
            Some("2000-01-01")
        );
        assert_eq!(
            members[0].get("birth_date").and_then(Node::as_str),
            Some("1990-01-01")
        );
        match &merged.get("residence").map(|r| &r.kind) {
            Some(NodeKind::Seq(items)) => assert_eq!(items.len(), 1),
            _ => unreachable!("residence is a list"),
        }
    }
}
