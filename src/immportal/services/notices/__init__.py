"""Official notices: what each notice says, the PDF and HTML made from it, where both are kept."""
