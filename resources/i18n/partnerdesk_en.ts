<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AgreementsPage</name>
    <message numerus="yes">
        <location filename="../../ui/pages/agreements.py" line="264"/>
        <source>%Ln agreement(s)</source>
        <translation>
            <numerusform>%Ln agreement</numerusform>
            <numerusform>%Ln agreements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/agreements.py" line="354"/>
        <source>Delete %Ln agreement(s)…</source>
        <translation>
            <numerusform>Delete %Ln agreement…</numerusform>
            <numerusform>Delete %Ln agreements…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/agreements.py" line="368"/>
        <source>%Ln selected agreement(s) as CSV…</source>
        <translation>
            <numerusform>%Ln selected agreement as CSV…</numerusform>
            <numerusform>%Ln selected agreements as CSV…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/agreements.py" line="369"/>
        <source>%Ln selected agreement(s) as XLSX…</source>
        <translation>
            <numerusform>%Ln selected agreement as XLSX…</numerusform>
            <numerusform>%Ln selected agreements as XLSX…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ApprovalsTab</name>
    <message numerus="yes">
        <location filename="../../ui/editors/agreement/approvals.py" line="137"/>
        <source>Requires %n approval(s) by different people</source>
        <translation>
            <numerusform>Requires %n approval</numerusform>
            <numerusform>Requires %n approvals by different people</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DueWatcher</name>
    <message numerus="yes">
        <location filename="../../ui/tray.py" line="114"/>
        <source>%n more need you.</source>
        <translation>
            <numerusform>%n more needs you.</numerusform>
            <numerusform>%n more need you.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tray.py" line="123"/>
        <source>%n item(s) need you</source>
        <translation>
            <numerusform>%n item needs you</numerusform>
            <numerusform>%n items need you</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tray.py" line="126"/>
        <source>%n overdue.</source>
        <translation>
            <numerusform>%n overdue.</numerusform>
            <numerusform>%n overdue.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <location filename="../../ui/dialogs/export_dialog.py" line="145"/>
        <source>The %n &amp;selected agreement(s)</source>
        <translation>
            <numerusform>The %n &amp;selected agreement</numerusform>
            <numerusform>The %n &amp;selected agreements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/export_dialog.py" line="147"/>
        <source>The %n &amp;selected partner(s)</source>
        <translation>
            <numerusform>The %n &amp;selected partner</numerusform>
            <numerusform>The %n &amp;selected partners</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message numerus="yes">
        <location filename="../../ui/dialogs/export_dialog.py" line="216"/>
        <source>Exported %Ln agreement(s) to %1</source>
        <translation>
            <numerusform>Exported %Ln agreement to %1</numerusform>
            <numerusform>Exported %Ln agreements to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/export_dialog.py" line="218"/>
        <source>Exported %Ln partner(s) to %1</source>
        <translation>
            <numerusform>Exported %Ln partner to %1</numerusform>
            <numerusform>Exported %Ln partners to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message numerus="yes">
        <location filename="../../ui/dialogs/import_wizard.py" line="422"/>
        <source>, %n new partner(s)</source>
        <translation>
            <numerusform>, %n new partner</numerusform>
            <numerusform>, %n new partners</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/import_wizard.py" line="427"/>
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problem</numerusform>
            <numerusform>%n problems</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/import_wizard.py" line="429"/>
        <source>{problems} in {rows} of %n row(s). Nothing will be imported until every row is right.</source>
        <translation>
            <numerusform>{problems} in {rows} of %n row. Nothing will be imported until every row is right.</numerusform>
            <numerusform>{problems} in {rows} of %n rows. Nothing will be imported until every row is right.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/import_wizard.py" line="440"/>
        <source>Imported %n row(s): {counts}.</source>
        <translation>
            <numerusform>Imported %n row: {counts}.</numerusform>
            <numerusform>Imported %n rows: {counts}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/import_wizard.py" line="442"/>
        <source>All %n row(s) are fine: {counts} on import.</source>
        <translation>
            <numerusform>The %n row is fine: {counts} on import.</numerusform>
            <numerusform>All %n rows are fine: {counts} on import.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KpisTab</name>
    <message numerus="yes">
        <location filename="../../ui/editors/agreement/kpis.py" line="195"/>
        <source>Remove the KPI “{m}” and its %n actual(s)?</source>
        <translation>
            <numerusform>Remove the KPI “{m}” and its %n actual?</numerusform>
            <numerusform>Remove the KPI “{m}” and its %n actuals?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="420"/>
        <source>Delete %Ln agreement(s)? You can undo this with %1.</source>
        <translation>
            <numerusform>Delete %Ln agreement? You can undo this with %1.</numerusform>
            <numerusform>Delete %Ln agreements? You can undo this with %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="429"/>
        <source>Delete %Ln agreement(s)</source>
        <translation>
            <numerusform>Delete %Ln agreement</numerusform>
            <numerusform>Delete %Ln agreements</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PartnerOverview</name>
    <message numerus="yes">
        <location filename="../../ui/pages/partners.py" line="199"/>
        <source>%n agreement(s)</source>
        <translation>
            <numerusform>%n agreement</numerusform>
            <numerusform>%n agreements</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PartnersPage</name>
    <message numerus="yes">
        <location filename="../../ui/pages/partners.py" line="318"/>
        <source>%Ln partner(s)</source>
        <translation>
            <numerusform>%Ln partner</numerusform>
            <numerusform>%Ln partners</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/partners.py" line="347"/>
        <source>%Ln selected partner(s) as CSV…</source>
        <translation>
            <numerusform>%Ln selected partner as CSV…</numerusform>
            <numerusform>%Ln selected partners as CSV…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/partners.py" line="348"/>
        <source>%Ln selected partner(s) as XLSX…</source>
        <translation>
            <numerusform>%Ln selected partner as XLSX…</numerusform>
            <numerusform>%Ln selected partners as XLSX…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message numerus="yes">
        <location filename="../../ui/dialogs/import_wizard.py" line="228"/>
        <source>About %n row(s) of {kind}.</source>
        <translation>
            <numerusform>About %n row of {kind}.</numerusform>
            <numerusform>About %n rows of {kind}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReminderWords</name>
    <message numerus="yes">
        <location filename="../../ui/application.py" line="187"/>
        <source>%Ln decision(s) due within %1 days:</source>
        <translation>
            <numerusform>%Ln decision due within %1 days:</numerusform>
            <numerusform>%Ln decisions due within %1 days:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/application.py" line="190"/>
        <source>%Ln live agreement(s) are past their decision date.</source>
        <translation>
            <numerusform>%Ln live agreement is past its decision date.</numerusform>
            <numerusform>%Ln live agreements are past their decision date.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RenewalsPage</name>
    <message numerus="yes">
        <location filename="../../ui/pages/renewals.py" line="147"/>
        <source>%Ln agreement(s)</source>
        <translation>
            <numerusform>%Ln agreement</numerusform>
            <numerusform>%Ln agreements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/renewals.py" line="177"/>
        <source>%Ln decision(s) due</source>
        <translation>
            <numerusform>%Ln decision due</numerusform>
            <numerusform>%Ln decisions due</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message numerus="yes">
        <location filename="../../ui/pages/reports_page.py" line="197"/>
        <source>Saved %1 and the list of %Ln agreement(s) in %2</source>
        <translation>
            <numerusform>Saved %1 and the list of %Ln agreement in %2</numerusform>
            <numerusform>Saved %1 and the list of %Ln agreements in %2</numerusform>
        </translation>
    </message>
</context>
</TS>
