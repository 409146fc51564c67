//! An S-expression dump of a rule file, one item per line, for snapshots.
//! While dumping it asserts that each node's span lies inside its parent's.

use crate::source::Span;
use crate::syntax::ast::*;

/// Dumps `file`, panicking if a child span leaves its parent.
pub fn dump(file: &RuleFile) -> String {
    let d = Dumper;
    let mut lines = Vec::new();
    if let Some(h) = &file.header {
        d.inside(&file.span, &h.span);
        let mut s = format!(
            "(ruleset {} {} (version {})",
            d.ident(&h.span, &h.name),
            d.text(&h.span, &h.title),
            d.text(&h.span, &h.version)
        );
        if let Some(p) = &h.in_force {
            d.inside(&h.span, &p.span);
            s += &format!(
                " (in-force {} {})",
                d.date(&p.span, &p.from),
                d.date(&p.span, &p.until)
            );
        }
        lines.push(s + ")");
    }
    for i in &file.imports {
        d.inside(&file.span, &i.span);
        lines.push(format!("(import {})", d.text(&i.span, &i.path)));
    }
    for item in &file.items {
        d.inside(&file.span, &item.span());
        lines.push(d.item(item));
    }
    for c in &file.comments {
        d.inside(&file.span, &c.span);
        lines.push(format!("(comment {:?})", c.text));
    }
    lines.join("\n") + "\n"
}

struct Dumper;

impl Dumper {
    fn inside(&self, parent: &Span, child: &Span) {
        assert!(
            parent.contains(child),
            "span {child:?} is not inside its parent {parent:?}"
        );
    }

    fn ident(&self, parent: &Span, id: &Ident) -> String {
        self.inside(parent, &id.span);
        id.name.clone()
    }

    fn text(&self, parent: &Span, t: &Text) -> String {
        self.inside(parent, &t.span);
        format!("{:?}", t.value)
    }

    fn date(&self, parent: &Span, d: &DateLit) -> String {
        self.inside(parent, &d.span);
        d.date.to_string()
    }

    fn head(&self, parent: &Span, title: &Option<Text>, source: &Option<Source>) -> String {
        let mut s = String::new();
        if let Some(t) = title {
            s += &format!(" {}", self.text(parent, t));
        }
        if let Some(src) = source {
            self.inside(parent, &src.span);
            s += &format!(" (source {})", self.text(&src.span, &src.text));
        }
        s
    }

    fn item(&self, item: &Item) -> String {
        match item {
            Item::Region(r) => {
                let members: Vec<_> = r.members.iter().map(|m| self.text(&r.span, m)).collect();
                format!(
                    "(region {}{} {{{}}})",
                    self.ident(&r.span, &r.id),
                    self.head(&r.span, &r.title, &r.source),
                    members.join(" ")
                )
            }
            Item::Param(p) => {
                self.inside(&p.span, &p.ty.span);
                let ty = match &p.ty.kind {
                    TypeNameKind::Named(n) => self.ident(&p.ty.span, n),
                    TypeNameKind::SetOf(n) => format!("(set-of {})", self.ident(&p.ty.span, n)),
                };
                let mut s = format!(
                    "(param {} {ty}{}",
                    self.ident(&p.span, &p.id),
                    self.head(&p.span, &p.title, &p.source)
                );
                if let Some(pol) = &p.policy {
                    s += &format!(" (policy {})", self.text(&p.span, pol));
                }
                for v in &p.values {
                    self.inside(&p.span, &v.span);
                    s += &format!(
                        "\n  (= {} (from {})",
                        self.expr(&v.span, &v.value),
                        self.date(&v.span, &v.from)
                    );
                    if let Some(u) = &v.unverified {
                        s += &format!(" (unverified {})", self.text(&v.span, u));
                    }
                    s += ")";
                }
                s + ")"
            }
            Item::Designation(d) => format!(
                "(designation {}{})",
                self.ident(&d.span, &d.id),
                self.head(&d.span, &d.title, &d.source)
            ),
            Item::Define(d) => format!(
                "(define {}{}\n  (= {}))",
                self.ident(&d.span, &d.id),
                self.head(&d.span, &d.title, &d.source),
                self.expr(&d.span, &d.body)
            ),
            Item::Gate(g) => {
                let mut s = format!(
                    "(gate {}{}",
                    self.ident(&g.span, &g.id),
                    self.head(&g.span, &g.title, &g.source)
                );
                if let Some(a) = &g.applies {
                    s += &format!("\n  (applies {})", self.expr(&g.span, a));
                }
                s += &format!("\n  (require {})", self.expr(&g.span, &g.require));
                for e in &g.exemptions {
                    self.inside(&g.span, &e.span);
                    let what = match &e.kind {
                        ExemptionKind::When(x) => self.expr(&e.span, x),
                        ExemptionKind::Override(k) => {
                            format!("(override {})", self.ident(&e.span, k))
                        }
                    };
                    s += &format!(
                        "\n  (unless {what} (because {}))",
                        self.text(&e.span, &e.because)
                    );
                }
                if let Some(m) = &g.message {
                    self.inside(&g.span, &m.span);
                    let parts: Vec<_> = m
                        .parts
                        .iter()
                        .map(|p| match p {
                            TemplatePart::Text(t) => format!("{t:?}"),
                            TemplatePart::Hole(x) => format!("{{{}}}", self.expr(&m.span, x)),
                        })
                        .collect();
                    s += &format!("\n  (message {})", parts.join(" "));
                }
                s + ")"
            }
            Item::Priority(p) => {
                self.inside(&p.span, &p.rank.span);
                if let Some(u) = &p.urgent {
                    self.inside(&p.span, u);
                }
                format!(
                    "(priority {}{} (rank {}){}\n  (when {}))",
                    self.ident(&p.span, &p.id),
                    self.head(&p.span, &p.title, &p.source),
                    p.rank.value,
                    if p.urgent.is_some() { " urgent" } else { "" },
                    self.expr(&p.span, &p.when)
                )
            }
            Item::Tailored(t) => format!(
                "(tailored {}{}\n  (when {}))",
                self.ident(&t.span, &t.id),
                self.head(&t.span, &t.title, &t.source),
                self.expr(&t.span, &t.when)
            ),
            Item::Points(p) => {
                let mut s = format!(
                    "(points {}{}",
                    self.ident(&p.span, &p.id),
                    self.head(&p.span, &p.title, &p.source)
                );
                for c in &p.contributions {
                    self.inside(&p.span, &c.span);
                    self.inside(&c.span, &c.amount.span);
                    s += &format!("\n  ({:+} {})", c.amount.value, self.expr(&c.span, &c.when));
                }
                s + ")"
            }
            Item::Classify(c) => {
                let mut s = format!(
                    "(classify {}{}",
                    self.ident(&c.span, &c.id),
                    self.head(&c.span, &c.title, &c.source)
                );
                for l in &c.labels {
                    self.inside(&c.span, &l.span);
                    let when = match &l.when {
                        Some(x) => self.expr(&l.span, x),
                        None => "otherwise".into(),
                    };
                    s += &format!("\n  ({} {when})", self.ident(&l.span, &l.name));
                }
                s + ")"
            }
            Item::Quota(q) => {
                let mut s = format!(
                    "(quota {}{}",
                    self.ident(&q.span, &q.id),
                    self.head(&q.span, &q.title, &q.source)
                );
                if let Some(a) = &q.applies {
                    s += &format!("\n  (applies {})", self.expr(&q.span, a));
                }
                let bound = match q.bound {
                    Bound::AtMost => "at-most",
                    Bound::AtLeast => "at-least",
                };
                s += &format!("\n  ({bound} {}", self.expr(&q.span, &q.share));
                if let Some(a) = &q.among {
                    s += &format!(" (among {})", self.expr(&q.span, a));
                }
                s += &format!(" (with {}))", self.expr(&q.span, &q.with));
                self.inside(&q.span, &q.scope.span);
                self.inside(&q.span, &q.window.span);
                let window = match &q.window.kind {
                    WindowKind::CalendarYear => "calendar-year".to_owned(),
                    WindowKind::Rolling(x) => format!("(last {})", self.expr(&q.window.span, x)),
                };
                s + &format!("\n  (per {:?}) (over {window}))", q.scope.kind)
            }
            Item::Order(o) => {
                let keys: Vec<_> = o
                    .keys
                    .iter()
                    .map(|k| {
                        self.inside(&o.span, &k.span);
                        let what = match &k.kind {
                            OrderKeyKind::Priority => "priority".to_owned(),
                            OrderKeyKind::Lottery => "lottery".to_owned(),
                            OrderKeyKind::Expr(x) => self.expr(&k.span, x),
                        };
                        match k.direction {
                            None => what,
                            Some(d) => format!("({d:?} {what})").to_lowercase(),
                        }
                    })
                    .collect();
                format!(
                    "(order{}\n  (by {}))",
                    self.head(&o.span, &o.title, &o.source),
                    keys.join(" ")
                )
            }
        }
    }

    fn expr(&self, parent: &Span, e: &Expr) -> String {
        self.inside(parent, &e.span);
        let p = &e.span;
        match &e.kind {
            ExprKind::Literal(l) => match l {
                Literal::Bool(b) => b.to_string(),
                Literal::Integer(i) => i.to_string(),
                Literal::Decimal(d) => format!("(decimal {d})"),
                Literal::Money(m) => format!("€{m}"),
                Literal::Percent(x) => format!("{x}%"),
                Literal::Duration(d) => {
                    format!("(duration {}y {}m {}d)", d.years, d.months, d.days)
                }
                Literal::Date(d) => d.to_string(),
                Literal::Text(t) => format!("{t:?}"),
            },
            ExprKind::Path(parts) => self.dotted(p, parts),
            ExprKind::Call { callee, args } => {
                let mut s = format!("(call {}", self.dotted(p, callee));
                for a in args {
                    s += &format!(" {}", self.expr(p, a));
                }
                s + ")"
            }
            ExprKind::Designated { subject, kind } => format!(
                "(designated {} {})",
                self.expr(p, subject),
                self.ident(p, kind)
            ),
            ExprKind::Unary { op, operand } => {
                let op = match op {
                    UnaryOp::Not => "not",
                    UnaryOp::Neg => "neg",
                };
                format!("({op} {})", self.expr(p, operand))
            }
            ExprKind::Binary { op, lhs, rhs } => format!(
                "({} {} {})",
                op.symbol(),
                self.expr(p, lhs),
                self.expr(p, rhs)
            ),
            ExprKind::Logical { op, operands } => {
                let items: Vec<_> = operands.iter().map(|x| self.expr(p, x)).collect();
                format!("({} {})", op.symbol(), items.join(" "))
            }
            ExprKind::Set(items) => {
                let items: Vec<_> = items.iter().map(|x| self.expr(p, x)).collect();
                format!("{{{}}}", items.join(" "))
            }
        }
    }

    fn dotted(&self, parent: &Span, parts: &[Ident]) -> String {
        let names: Vec<_> = parts.iter().map(|i| self.ident(parent, i)).collect();
        names.join(".")
    }
}
