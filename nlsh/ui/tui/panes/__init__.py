"""The desktop's panes, one module per area."""
