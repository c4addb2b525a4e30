"""Printed forms (PDF, on one toolkit) and Excel workbooks. Qt-free."""
