<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>BookDialog</name>
    <message numerus="yes">
        <location filename="../../ui/book_dialog.py" line="92"/>
        <source>Saved %n pages to {path}</source>
        <translation>
            <numerusform>Saved %n page to {path}</numerusform>
            <numerusform>Saved %n pages to {path}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/book_dialog.py" line="118"/>
        <source>Sent %n pages to the printer</source>
        <translation>
            <numerusform>Sent %n page to the printer</numerusform>
            <numerusform>Sent %n pages to the printer</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DayLog</name>
    <message numerus="yes">
        <location filename="../../ui/day_log.py" line="426"/>
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
        <location filename="../../ui/day_log.py" line="235"/>
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
        <location filename="../../ui/export_dialog.py" line="122"/>
        <source>the %n entries found</source>
        <translation>
            <numerusform>the %n entry found</numerusform>
            <numerusform>the %n entries found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/export_dialog.py" line="144"/>
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
    <name>HotlistPage</name>
    <message numerus="yes">
        <location filename="../../ui/hotlist_page.py" line="122"/>
        <source>Notice added. %n purchases of the last 6 months match it: report them to the police at once.</source>
        <translation>
            <numerusform>Notice added. %n purchase of the last 6 months matches it: report it to the police at once.</numerusform>
            <numerusform>Notice added. %n purchases of the last 6 months match it: report them to the police at once.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="220"/>
        <source>Price table {version} imported: %n row(s)</source>
        <translation>
            <numerusform>Price table {version} imported: %n row</numerusform>
            <numerusform>Price table {version} imported: %n rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="251"/>
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
        <location filename="../../ui/seller_form.py" line="299"/>
        <source>Check the date: over %n years ago</source>
        <translation>
            <numerusform>Check the date: over %n year ago</numerusform>
            <numerusform>Check the date: over %n years ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/seller_form.py" line="304"/>
        <source>Age %n</source>
        <translation>
            <numerusform>Age %n</numerusform>
            <numerusform>Age %n</numerusform>
        </translation>
    </message>
</context>
</TS>
