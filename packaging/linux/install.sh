#!/bin/sh
# Install PartnerDesk for the current user, no root needed, from the unpacked tarball:
#   ./install.sh              install (or update) under ~/.local
#   ./install.sh --uninstall  remove it again (the databases and settings stay)
# PREFIX=/some/where ./install.sh installs under another prefix instead of ~/.local.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-$HOME/.local}
opt=$prefix/opt/PartnerDesk
bin=$prefix/bin
share=$prefix/share
sizes="16 24 32 48 64 128 256 512"

refresh_menus() {
    # Not every desktop has these; the menu picks the entry up at the next login anyway.
    command -v update-desktop-database >/dev/null 2>&1 \
        && update-desktop-database -q "$share/applications" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 \
        && gtk-update-icon-cache -q -t -f "$share/icons/hicolor" || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$opt"
    rm -f "$bin/partnerdesk" "$share/applications/partnerdesk.desktop" \
        "$share/metainfo/com.partnerdesk.partnerdesk.metainfo.xml" \
        "$share/icons/hicolor/scalable/apps/partnerdesk.svg"
    for s in $sizes; do rm -f "$share/icons/hicolor/${s}x${s}/apps/partnerdesk.png"; done
    refresh_menus
    echo "PartnerDesk removed (your databases and settings are kept)."
    exit 0
fi

# The program folder: copied beside the old one first, so a failed copy leaves it working.
mkdir -p "$prefix/opt"
rm -rf "$opt.new"
cp -R "$here/PartnerDesk" "$opt.new"
rm -rf "$opt"
mv "$opt.new" "$opt"

# A launcher on the PATH (a script, not a link: the folder may move with PREFIX).
mkdir -p "$bin"
cat > "$bin/partnerdesk" <<LAUNCHER
#!/bin/sh
exec "$opt/partnerdesk" "\$@"
LAUNCHER
chmod 755 "$bin/partnerdesk"

# The menu entry, with the launcher's full path: ~/.local/bin is not on every session's PATH.
mkdir -p "$share/applications" "$share/metainfo" "$share/icons/hicolor/scalable/apps"
sed -e "s|^Exec=partnerdesk |Exec=\"$bin/partnerdesk\" |" -e "s|^TryExec=partnerdesk$|TryExec=$bin/partnerdesk|" \
    "$here/share/partnerdesk.desktop" > "$share/applications/partnerdesk.desktop"
cp "$here/share/com.partnerdesk.partnerdesk.metainfo.xml" "$share/metainfo/"
cp "$here/share/icons/partnerdesk.svg" "$share/icons/hicolor/scalable/apps/partnerdesk.svg"
for s in $sizes; do
    mkdir -p "$share/icons/hicolor/${s}x${s}/apps"
    cp "$here/share/icons/partnerdesk-$s.png" "$share/icons/hicolor/${s}x${s}/apps/partnerdesk.png"
done
refresh_menus
# partnerdesk:// links (the reminders' mails) open PartnerDesk.
command -v xdg-mime >/dev/null 2>&1 \
    && xdg-mime default partnerdesk.desktop x-scheme-handler/partnerdesk 2>/dev/null || true

echo "PartnerDesk installed in $opt; start it from the menu or with $bin/partnerdesk"
case ":$PATH:" in
    *":$bin:"*) ;;
    *) echo "note: $bin is not on your PATH; add it to use 'partnerdesk' in a terminal" ;;
esac
