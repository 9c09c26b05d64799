<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>DayLog</name>
    <message numerus="yes">
        <location filename="../../ui/day_log.py" line="367"/>
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message numerus="yes">
        <location filename="../../ui/day_log.py" line="218"/>
        <source>Age %n</source>
        <translation>
            <numerusform>Age %n</numerusform>
            <numerusform>Age %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <location filename="../../ui/export_dialog.py" line="115"/>
        <source>Exported %n entries to {path}</source>
        <translation>
            <numerusform>Exported %n entry to {path}</numerusform>
            <numerusform>Exported %n entries to {path}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FactsView</name>
    <message numerus="yes">
        <location filename="../../ui/facts_view.py" line="156"/>
        <source>%n charge cycle(s)</source>
        <translation>
            <numerusform>%n charge cycle</numerusform>
            <numerusform>%n charge cycles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="201"/>
        <source>Price table {version} imported: %n row(s)</source>
        <translation>
            <numerusform>Price table {version} imported: %n row</numerusform>
            <numerusform>Price table {version} imported: %n rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="236"/>
        <source>%n intake(s) not saved. Quit and lose what was entered?</source>
        <translation>
            <numerusform>%n intake is not saved. Quit and lose what was entered?</numerusform>
            <numerusform>%n intakes are not saved. Quit and lose what was entered?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SellerForm</name>
    <message numerus="yes">
        <location filename="../../ui/seller_form.py" line="298"/>
        <source>Check the date: over %n years ago</source>
        <translation>
            <numerusform>Check the date: over %n year ago</numerusform>
            <numerusform>Check the date: over %n years ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/seller_form.py" line="303"/>
        <source>Age %n</source>
        <translation>
            <numerusform>Age %n</numerusform>
            <numerusform>Age %n</numerusform>
        </translation>
    </message>
</context>
</TS>
