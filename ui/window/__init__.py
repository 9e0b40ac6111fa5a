"""The main window's parts: what it does with records, and its File and Help menus.

``ui.main_window.MainWindow`` stays the one class (and the import path); these modules hold
its actions as functions of the window, bound as its methods. Their texts are translated
under the window's context, ``translate("MainWindow", ...)``, where they were before.
"""
