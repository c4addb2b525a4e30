"""The procedure kernel: what every procedure package uses and none owns — an approval step and
its signatures (``approvals``, ``signatures``), versioned rows (``records``), named list filters
(``filters``), the state enums' base (``states``), months (``periods``), a card's holds
(``holds``), the to-do line (``todos``), the change notice and the transaction it rides on
(``changes``). The kernel imports no procedure package.
"""
