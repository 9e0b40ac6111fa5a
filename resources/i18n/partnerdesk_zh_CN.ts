<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Access</name>
    <message>
        <location filename="../../ui/access.py" line="78"/>
        <source>no role</source>
        <translation>无角色</translation>
    </message>
    <message>
        <location filename="../../ui/access.py" line="86"/>
        <source>owner</source>
        <translation>所有者</translation>
    </message>
    <message>
        <location filename="../../ui/access.py" line="95"/>
        <source>Your login, %1, has no PartnerDesk role in this database; ask an admin to add you</source>
        <translation>您的登录名 %1 在此数据库中没有 PartnerDesk 角色；请联系管理员添加您</translation>
    </message>
    <message>
        <location filename="../../ui/access.py" line="100"/>
        <source>Your role, %1, cannot change agreements</source>
        <translation>您的角色（%1）不能修改协议</translation>
    </message>
    <message>
        <location filename="../../ui/access.py" line="101"/>
        <source>Your role, %1, cannot change partners</source>
        <translation>您的角色（%1）不能修改合作伙伴</translation>
    </message>
    <message>
        <location filename="../../ui/access.py" line="102"/>
        <source>Your role, %1, cannot import agreements or partners</source>
        <translation>您的角色（%1）不能导入协议或合作伙伴</translation>
    </message>
    <message>
        <location filename="../../ui/access.py" line="103"/>
        <source>Your role, %1, cannot delete agreements</source>
        <translation>您的角色（%1）不能删除协议</translation>
    </message>
    <message>
        <location filename="../../ui/access.py" line="104"/>
        <source>Your role, %1, cannot replace the database</source>
        <translation>您的角色（%1）不能替换数据库</translation>
    </message>
    <message>
        <location filename="../../ui/access.py" line="105"/>
        <source>Your role, %1, cannot change the company settings or FX rates</source>
        <translation>您的角色（%1）不能修改公司设置或汇率</translation>
    </message>
    <message>
        <location filename="../../ui/access.py" line="108"/>
        <source>Your role, %1, cannot approve or reject agreements</source>
        <translation>您的角色（%1）不能批准或驳回协议</translation>
    </message>
</context>
<context>
    <name>ActualDialog</name>
    <message>
        <location filename="../../ui/editors/agreement/kpis.py" line="72"/>
        <source>Actual for {metric}</source>
        <translation>{metric} 的实际值</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/kpis.py" line="80"/>
        <source>target {t} {u}</source>
        <translation>目标 {t} {u}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/kpis.py" line="81"/>
        <source>Period ending *</source>
        <translation>期末日期 *</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/kpis.py" line="82"/>
        <source>Actual * ({target})</source>
        <translation>实际值 * （{target}）</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/kpis.py" line="84"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/kpis.py" line="93"/>
        <source>enter the actual value</source>
        <translation>请输入实际值</translation>
    </message>
</context>
<context>
    <name>AgreementEditor</name>
    <message>
        <location filename="../../ui/editors/agreement/editor.py" line="112"/>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/editor.py" line="113"/>
        <source>Terms</source>
        <translation>条款</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/editor.py" line="120"/>
        <source>Milestones</source>
        <translation>里程碑</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/editor.py" line="120"/>
        <source>KPIs</source>
        <translation>KPI</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/editor.py" line="121"/>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/editor.py" line="121"/>
        <source>Approvals</source>
        <translation>审批</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/editor.py" line="122"/>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/editor.py" line="132"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/editor.py" line="135"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/editor.py" line="138"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/editor.py" line="140"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/editor.py" line="142"/>
        <source>Delete this agreement; Edit ▸ Undo in the main window brings it back</source>
        <translation>删除此协议；可在主窗口用“编辑 ▸ 撤销”恢复</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/editor.py" line="268"/>
        <source>New agreement</source>
        <translation>新建协议</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/editor.py" line="271"/>
        <source>Agreement {ref} — {title}</source>
        <translation>协议 {ref} — {title}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/editor.py" line="276"/>
        <source>%1 (read only)</source>
        <translation>%1（只读）</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/editor.py" line="284"/>
        <source>Undo/redo changed this agreement; saving will offer to reload it.</source>
        <translation>撤销/重做已修改此协议；保存时将提示重新加载。</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/editor.py" line="198"/>
        <source>Undo/redo removed this agreement.</source>
        <translation>撤销/重做已删除此协议。</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/editor.py" line="364"/>
        <source>This agreement no longer exists (deleted on another desk?): {e}</source>
        <translation>该协议已不存在（可能已在其他电脑上删除）：{e}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/editor.py" line="370"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/editor.py" line="372"/>
        <source>Not saved: {reason}</source>
        <translation>未保存：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/editor.py" line="428"/>
        <source>Not saved: {n} fields need attention on these pages: {pages}</source>
        <translation>未保存：以下页面有 {n} 个字段需要处理：{pages}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/editor.py" line="444"/>
        <source>Reload the agreement as it is now? Your unsaved edits in this window will be lost.</source>
        <translation>是否重新加载该协议的当前内容？此窗口中未保存的修改将会丢失。</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/editor.py" line="456"/>
        <source>Delete agreement</source>
        <translation>删除协议</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/editor.py" line="458"/>
        <source>Delete {ref} “{title}” with its milestones, KPIs and documents?
You can undo this with Edit ▸ Undo.</source>
        <translation>删除 {ref}“{title}”及其里程碑、KPI 和文件？
可通过“编辑 ▸ 撤销”恢复。</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/editor.py" line="479"/>
        <source>Not deleted: {reason}</source>
        <translation>未删除：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/editor.py" line="581"/>
        <source>This agreement has changes that are not saved. Save them?</source>
        <translation>该协议有未保存的更改。是否保存？</translation>
    </message>
</context>
<context>
    <name>AgreementForm</name>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="91"/>
        <source>Pages of this record</source>
        <translation>此记录的各页</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="108"/>
        <source>Generated when saved, e.g. BR-2026-0042</source>
        <translation>保存时自动生成，如 BR-2026-0042</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="130"/>
        <source>Renews automatically</source>
        <translation>自动续约</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="134"/>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="137"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="124"/>
        <source>e.g. PRC law, English law</source>
        <translation>如：中国法律、英国法律</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="126"/>
        <source>Comma-separated, e.g. CN, HK, MO</source>
        <translation>以逗号分隔，如 CN, HK, MO</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="163"/>
        <source>Reference</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="164"/>
        <source>Title *</source>
        <translation>标题 *</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="165"/>
        <source>Cooperation type</source>
        <translation>合作类型</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="166"/>
        <source>Partner *</source>
        <translation>合作伙伴 *</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="167"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="168"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="169"/>
        <source>Governing law</source>
        <translation>适用法律</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="170"/>
        <source>Territories</source>
        <translation>地域范围</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="185"/>
        <source>Signed</source>
        <translation>签署日期</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="186"/>
        <source>Starts *</source>
        <translation>开始日期 *</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="187"/>
        <source>Ends *</source>
        <translation>结束日期 *</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="188"/>
        <source>Renewal</source>
        <translation>续约</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="189"/>
        <source>Notice period</source>
        <translation>通知期</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="190"/>
        <location filename="../../ui/editors/agreement/form.py" line="216"/>
        <source>Decision date</source>
        <translation>决策日期</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="198"/>
        <location filename="../../ui/editors/agreement/form.py" line="215"/>
        <source>Renewal chain</source>
        <translation>续约链</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="200"/>
        <source>Contract value *</source>
        <translation>合同金额 *</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="207"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="212"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="213"/>
        <source>Renewal term</source>
        <translation>续约期限</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="269"/>
        <source>Terms: {type}</source>
        <translation>条款：{type}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="341"/>
        <source>closed</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="343"/>
        <source>passed {n} days ago</source>
        <translation>已过去 {n} 天</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="345"/>
        <location filename="../../ui/editors/agreement/form.py" line="347"/>
        <source>in {n} days</source>
        <translation>{n} 天后</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="355"/>
        <source>renews {ref}</source>
        <translation>续约自 {ref}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="358"/>
        <location filename="../../ui/editors/agreement/form.py" line="374"/>
        <source>renewed by {ref}</source>
        <translation>已由 {ref} 续约</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="371"/>
        <source>in force until {end}; renewed by {ref}</source>
        <translation>有效至 {end}；已由 {ref} 续约</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="406"/>
        <source>choose a partner from the list</source>
        <translation>请从列表中选择合作伙伴</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="408"/>
        <source>no single partner matches “{text}”</source>
        <translation>没有唯一匹配“{text}”的合作伙伴</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/form.py" line="417"/>
        <source>enter the contract value (0 if none)</source>
        <translation>请输入合同金额（无则填 0）</translation>
    </message>
</context>
<context>
    <name>AgreementTableModel</name>
    <message>
        <location filename="../../ui/models/agreements.py" line="70"/>
        <source>entered by hand</source>
        <translation>手动录入</translation>
    </message>
    <message>
        <location filename="../../ui/models/agreements.py" line="72"/>
        <source>%1
at 1 %2 = %3 %4, in force from %5 (%6)</source>
        <translation>%1
按 1 %2 = %3 %4 折算，%5 起生效（%6）</translation>
    </message>
    <message>
        <location filename="../../ui/models/agreements.py" line="81"/>
        <source>No %1 → %2 exchange rate dated on or before %3: add one in Settings to compare this value with the others.</source>
        <translation>没有 %3 或之前生效的 %1 → %2 汇率：请在“设置”中添加，才能与其他金额比较。</translation>
    </message>
    <message>
        <location filename="../../ui/models/agreements.py" line="96"/>
        <source>No KPI</source>
        <translation>无 KPI</translation>
    </message>
    <message>
        <location filename="../../ui/models/agreements.py" line="100"/>
        <source>%1: no actuals recorded yet</source>
        <translation>%1：尚未记录实际值</translation>
    </message>
    <message>
        <location filename="../../ui/models/agreements.py" line="109"/>
        <source>%1 (%2), %3 to %4:
%5
target %6</source>
        <translation>%1（%2），%3 至 %4：
%5
目标 %6</translation>
    </message>
    <message>
        <location filename="../../ui/models/agreements.py" line="125"/>
        <source>Reference</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/models/agreements.py" line="130"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/models/agreements.py" line="134"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/models/agreements.py" line="140"/>
        <source>Partner</source>
        <translation>合作伙伴</translation>
    </message>
    <message>
        <location filename="../../ui/models/agreements.py" line="145"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../ui/models/agreements.py" line="149"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/models/agreements.py" line="155"/>
        <location filename="../../ui/models/agreements.py" line="171"/>
        <source>Value</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/models/agreements.py" line="162"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location filename="../../ui/models/agreements.py" line="169"/>
        <source>Value (%1)</source>
        <translation>金额（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/models/agreements.py" line="180"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../ui/models/agreements.py" line="187"/>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <location filename="../../ui/models/agreements.py" line="196"/>
        <source>Decision date</source>
        <translation>决策日期</translation>
    </message>
    <message>
        <location filename="../../ui/models/agreements.py" line="202"/>
        <source>Days to decide</source>
        <translation>距决策天数</translation>
    </message>
    <message>
        <location filename="../../ui/models/agreements.py" line="209"/>
        <source>KPI trend</source>
        <translation>KPI 走势</translation>
    </message>
    <message>
        <location filename="../../ui/models/agreements.py" line="216"/>
        <source>Operating model</source>
        <translation>经营模式</translation>
    </message>
    <message>
        <location filename="../../ui/models/agreements.py" line="223"/>
        <source>Auto-renew</source>
        <translation>自动续约</translation>
    </message>
    <message>
        <location filename="../../ui/models/agreements.py" line="224"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>AgreementsPage</name>
    <message>
        <location filename="../../ui/pages/agreements.py" line="90"/>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../../ui/pages/agreements.py" line="94"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../ui/pages/agreements.py" line="95"/>
        <source>Live (active or pending)</source>
        <translation>生效中（生效或待审批）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/agreements.py" line="100"/>
        <location filename="../../ui/pages/agreements.py" line="126"/>
        <source>Partner</source>
        <translation>合作伙伴</translation>
    </message>
    <message>
        <location filename="../../ui/pages/agreements.py" line="103"/>
        <source>Search reference, title, partner…</source>
        <translation>搜索编号、标题、合作伙伴…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/agreements.py" line="106"/>
        <source>Decision from</source>
        <translation>决策日期从</translation>
    </message>
    <message>
        <location filename="../../ui/pages/agreements.py" line="112"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../ui/pages/agreements.py" line="114"/>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../ui/pages/agreements.py" line="122"/>
        <source>Search agreements</source>
        <translation>搜索协议</translation>
    </message>
    <message>
        <location filename="../../ui/pages/agreements.py" line="123"/>
        <source>Cooperation type</source>
        <translation>合作类型</translation>
    </message>
    <message>
        <location filename="../../ui/pages/agreements.py" line="124"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/pages/agreements.py" line="125"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../ui/pages/agreements.py" line="127"/>
        <source>Decision date from</source>
        <translation>决策日期起</translation>
    </message>
    <message>
        <location filename="../../ui/pages/agreements.py" line="128"/>
        <source>Decision date to</source>
        <translation>决策日期止</translation>
    </message>
    <message>
        <location filename="../../ui/pages/agreements.py" line="147"/>
        <source>Agreements</source>
        <translation>协议</translation>
    </message>
    <message>
        <location filename="../../ui/pages/agreements.py" line="149"/>
        <source>Enter opens the agreement; the context menu renews, reports or exports</source>
        <translation>回车打开协议；右键菜单可续约、生成报告或导出</translation>
    </message>
    <message>
        <location filename="../../ui/pages/agreements.py" line="156"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/agreements.py" line="196"/>
        <source>All owners</source>
        <translation>全部负责人</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/agreements.py" line="267"/>
        <source>%Ln agreement(s)</source>
        <translation>
            <numerusform>%Ln 份协议</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/agreements.py" line="381"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/agreements.py" line="383"/>
        <source>%Ln selected agreement(s) as CSV…</source>
        <translation>
            <numerusform>将选中的 %Ln 份协议导出为 CSV…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/agreements.py" line="384"/>
        <source>%Ln selected agreement(s) as XLSX…</source>
        <translation>
            <numerusform>将选中的 %Ln 份协议导出为 XLSX…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/agreements.py" line="385"/>
        <source>This list as CSV…</source>
        <translation>将此列表导出为 CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/agreements.py" line="386"/>
        <source>This list as XLSX…</source>
        <translation>将此列表导出为 XLSX…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/agreements.py" line="272"/>
        <source>Searching…</source>
        <translation>正在查询…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/agreements.py" line="78"/>
        <source>Counting…</source>
        <translation>正在计数…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/agreements.py" line="356"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../ui/pages/agreements.py" line="357"/>
        <source>Renew…</source>
        <translation>续约…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/agreements.py" line="365"/>
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/agreements.py" line="369"/>
        <source>Delete %Ln agreement(s)…</source>
        <translation>
            <numerusform>删除 %Ln 份协议…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/agreements.py" line="373"/>
        <source>New agreement…</source>
        <translation>新建协议…</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <location filename="../../ui/application.py" line="64"/>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="65"/>
        <source>PartnerDesk cannot open the database.</source>
        <translation>PartnerDesk 无法打开数据库。</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="68"/>
        <source>Use another database…</source>
        <translation>使用其他数据库…</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="72"/>
        <source>Use my personal database</source>
        <translation>使用我的个人数据库</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="87"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="88"/>
        <source>SQLite file path or PostgreSQL URL:</source>
        <translation>SQLite 文件路径或 PostgreSQL 地址：</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="104"/>
        <location filename="../../ui/application.py" line="142"/>
        <source>Demo data</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="105"/>
        <source>How many demo agreements?</source>
        <translation>需要多少份演示协议？</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="131"/>
        <source>Added %1 demo agreements and %2 partners.</source>
        <translation>已添加 %1 份演示协议和 %2 个合作伙伴。</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="143"/>
        <source>The demo data was not loaded: %1</source>
        <translation>演示数据未能加载：%1</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="149"/>
        <source>Cancelled: no demo data was added.</source>
        <translation>已取消：未添加演示数据。</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="154"/>
        <source>Loading demo data</source>
        <translation>正在加载演示数据</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="159"/>
        <source>Creating demo partners and agreements…</source>
        <translation>正在创建演示合作伙伴和协议…</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="172"/>
        <source>Welcome to PartnerDesk</source>
        <translation>欢迎使用 PartnerDesk</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="173"/>
        <source>This database has no agreements yet. Load demo data to look around?</source>
        <translation>该数据库还没有协议。是否加载演示数据先看看？</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="233"/>
        <source>… and %1 more</source>
        <translation>… 另有 %1 项</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="237"/>
        <source>Renewal decisions due</source>
        <translation>续约决策即将到期</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="249"/>
        <source>Don&apos;t remind me at start-up</source>
        <translation>启动时不再提醒</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="252"/>
        <source>Show renewals</source>
        <translation>查看续约</translation>
    </message>
</context>
<context>
    <name>ApprovalsTab</name>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="74"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="74"/>
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="74"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="74"/>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="75"/>
        <source>Counts</source>
        <translation>是否有效</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="78"/>
        <source>A new agreement has no approvals yet.</source>
        <translation>新协议尚无审批记录。</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="87"/>
        <source>Approve…</source>
        <translation>批准…</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="89"/>
        <source>Reject…</source>
        <translation>驳回…</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="114"/>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="114"/>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="117"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="117"/>
        <source>No — the terms changed since</source>
        <translation>否 — 此后条款已更改</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="135"/>
        <source>No approval is required at this value.</source>
        <translation>此金额无需审批。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/editors/agreement/approvals.py" line="137"/>
        <source>Requires %n approval(s) by different people</source>
        <translation>
            <numerusform>需要 %n 位不同人员批准</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="140"/>
        <source>, one of them by an admin</source>
        <translation>，其中一位须为管理员</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="142"/>
        <source>, by an admin</source>
        <translation>，须由管理员批准</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="145"/>
        <source>; approved by %1 so far.</source>
        <translation>；目前已有 %1 位批准。</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="148"/>
        <source>Rejected by %1: change its terms to ask again.</source>
        <translation>已被 %1 驳回：修改条款后可再次申请。</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="153"/>
        <source>Current terms written by %1.</source>
        <translation>当前条款由 %1 编写。</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="158"/>
        <source>Save the agreement first.</source>
        <translation>请先保存协议。</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="161"/>
        <source>Only an agreement pending approval is approved</source>
        <translation>只有待审批的协议才能审批</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="163"/>
        <source>Your role cannot approve or reject agreements</source>
        <translation>您的角色不能批准或驳回协议</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="164"/>
        <source>You wrote its current terms: someone else must approve</source>
        <translation>当前条款由您编写：须由他人批准</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="165"/>
        <source>You have already decided on these terms</source>
        <translation>您已对这些条款作出决定</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="173"/>
        <source>Approve these terms, with a comment</source>
        <translation>批准这些条款，可附意见</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="174"/>
        <source>Reject these terms, saying why</source>
        <translation>驳回这些条款，并说明原因</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="194"/>
        <source>Approved %1</source>
        <translation>已批准 %1</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="194"/>
        <source>Rejected %1</source>
        <translation>已驳回 %1</translation>
    </message>
</context>
<context>
    <name>AttachmentDialog</name>
    <message>
        <location filename="../../ui/editors/agreement/attachments.py" line="57"/>
        <source>Add document</source>
        <translation>添加文件</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/attachments.py" line="64"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/attachments.py" line="65"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/attachments.py" line="66"/>
        <source>Expires on</source>
        <translation>到期日</translation>
    </message>
</context>
<context>
    <name>AttachmentsTab</name>
    <message>
        <location filename="../../ui/editors/agreement/attachments.py" line="88"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/attachments.py" line="88"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/attachments.py" line="88"/>
        <source>Expires</source>
        <translation>到期</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/attachments.py" line="88"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/attachments.py" line="89"/>
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/attachments.py" line="89"/>
        <source>By</source>
        <translation>添加人</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/attachments.py" line="92"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/attachments.py" line="93"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/attachments.py" line="94"/>
        <location filename="../../ui/editors/agreement/attachments.py" line="197"/>
        <source>Save a copy…</source>
        <translation>另存副本…</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/attachments.py" line="95"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/attachments.py" line="125"/>
        <location filename="../../ui/editors/agreement/attachments.py" line="152"/>
        <source>Add document</source>
        <translation>添加文件</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/attachments.py" line="153"/>
        <source>{note}. Add it again?</source>
        <translation>{note}。仍要再添加一次吗？</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/attachments.py" line="184"/>
        <source>Could not open {name}: {reason}</source>
        <translation>无法打开 {name}：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/attachments.py" line="192"/>
        <source>Cannot open the document</source>
        <translation>无法打开文档</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/attachments.py" line="193"/>
        <source>No application on this computer opens {name}.</source>
        <translation>本机没有可以打开 {name} 的应用程序。</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/attachments.py" line="196"/>
        <source>Save a copy and open it with a program of your choice.</source>
        <translation>请保存一份副本，再用您选择的程序打开。</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/attachments.py" line="210"/>
        <source>Save a copy</source>
        <translation>另存副本</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/attachments.py" line="223"/>
        <source>Could not save {name}: {reason}</source>
        <translation>无法保存 {name}：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/attachments.py" line="232"/>
        <source>Remove document</source>
        <translation>移除文件</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/attachments.py" line="233"/>
        <source>Remove “{name}”?</source>
        <translation>移除“{name}”？</translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <location filename="../../ui/dialogs/backup.py" line="34"/>
        <source>PartnerDesk backup (*.db *.sqlite *.bak);;All files (*)</source>
        <translation>PartnerDesk 备份 (*.db *.sqlite *.bak);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup.py" line="55"/>
        <source>Back up</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup.py" line="57"/>
        <source>This is a team database on a server: its administrator backs it up (pg_dump).</source>
        <translation>这是服务器上的团队数据库，由数据库管理员负责备份（pg_dump）。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup.py" line="72"/>
        <source>The backup failed: {error}</source>
        <translation>备份失败：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup.py" line="76"/>
        <source>Backed up {agreements} agreements and {partners} partners to {path}.</source>
        <translation>已将 {agreements} 份协议和 {partners} 个合作伙伴备份到 {path}。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup.py" line="94"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup.py" line="96"/>
        <source>This is a team database on a server: its administrator restores it (pg_restore).</source>
        <translation>这是服务器上的团队数据库，由数据库管理员负责恢复（pg_restore）。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup.py" line="110"/>
        <source>This backup cannot be restored: {error}</source>
        <translation>无法恢复此备份：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup.py" line="113"/>
        <source>Replace everything in {db} with the backup {backup} ({agreements} agreements, {partners} partners)?

What the database holds now is first saved beside it.</source>
        <translation>用备份 {backup}（{agreements} 份协议、{partners} 个合作伙伴）替换 {db} 中的全部内容？

数据库现有内容会先在同一位置另存一份副本。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup.py" line="125"/>
        <source>The restore failed: {error}</source>
        <translation>恢复失败：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup.py" line="131"/>
        <source>
The previous contents are in {path}.</source>
        <translation>
原有内容已另存为 {path}。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup.py" line="133"/>
        <source>Restored {backup}.</source>
        <translation>已从 {backup} 恢复。</translation>
    </message>
</context>
<context>
    <name>BrandDialog</name>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="293"/>
        <source>Authorise a brand: %1</source>
        <translation>授权品牌：%1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="299"/>
        <source>Brand agreement (platform model)</source>
        <translation>品牌协议（平台模式）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="300"/>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="269"/>
        <source>Check every row</source>
        <translation>检查每一行</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="271"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="279"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="279"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="279"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="294"/>
        <source>Checking every row…</source>
        <translation>正在检查每一行…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="295"/>
        <source>Checking</source>
        <translation>正在检查</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="311"/>
        <source>Correct the file and go back to check it again.</source>
        <translation>请修改文件后返回重新检查。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="313"/>
        <source>(The first {n} problems are shown.)</source>
        <translation>（仅显示前 {n} 个问题。）</translation>
    </message>
</context>
<context>
    <name>CommentDialog</name>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="36"/>
        <source>Approve %1</source>
        <translation>批准 %1</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="36"/>
        <source>Reject %1</source>
        <translation>驳回 %1</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="40"/>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="42"/>
        <source>Comment (optional):</source>
        <translation>意见（可选）：</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="42"/>
        <source>Why is it rejected?</source>
        <translation>驳回原因：</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="49"/>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="49"/>
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/approvals.py" line="65"/>
        <source>A rejection needs a comment</source>
        <translation>驳回须填写意见</translation>
    </message>
</context>
<context>
    <name>ContextMenu</name>
    <message>
        <location filename="../../ui/widgets/context_menu.py" line="36"/>
        <source>Shift+F10 or the Menu key opens the menu of the current row</source>
        <translation>Shift+F10 或菜单键打开当前行的菜单</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="137"/>
        <source>In force</source>
        <translation>生效中</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="140"/>
        <source>In force and pending approval</source>
        <translation>生效中及待审批</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="142"/>
        <source>Agreements</source>
        <translation>协议</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="143"/>
        <source>Contract value</source>
        <translation>合同金额</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="144"/>
        <source>Decisions due within 30 days</source>
        <translation>30 天内到期的决策</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="145"/>
        <location filename="../../ui/pages/dashboard.py" line="197"/>
        <source>Overdue milestones</source>
        <translation>逾期里程碑</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="146"/>
        <location filename="../../ui/pages/dashboard.py" line="198"/>
        <source>KPIs in red</source>
        <translation>红灯 KPI</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="148"/>
        <source>Documents expiring within 60 days</source>
        <translation>60 天内到期的文件</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="148"/>
        <source>In force and pipeline</source>
        <translation>生效中与筹备中</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="156"/>
        <source>Show them in the agreements list</source>
        <translation>在协议列表中查看</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="159"/>
        <source>Decision date</source>
        <translation>决策日期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="159"/>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="160"/>
        <location filename="../../ui/pages/dashboard.py" line="164"/>
        <location filename="../../ui/pages/dashboard.py" line="168"/>
        <location filename="../../ui/pages/dashboard.py" line="172"/>
        <location filename="../../ui/pages/dashboard_approvals.py" line="19"/>
        <source>Reference</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="160"/>
        <location filename="../../ui/pages/dashboard.py" line="168"/>
        <location filename="../../ui/pages/dashboard_approvals.py" line="20"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="160"/>
        <location filename="../../ui/pages/dashboard_approvals.py" line="21"/>
        <source>Partner</source>
        <translation>合作伙伴</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="161"/>
        <location filename="../../ui/pages/dashboard.py" line="165"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="161"/>
        <source>Value</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="164"/>
        <source>Due</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="164"/>
        <source>Days overdue</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="165"/>
        <source>Milestone</source>
        <translation>里程碑</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="168"/>
        <source>KPI</source>
        <translation>KPI</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="169"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="169"/>
        <source>Latest</source>
        <translation>最新</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="169"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="172"/>
        <source>Expires</source>
        <translation>到期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="172"/>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="173"/>
        <source>Document</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="173"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="178"/>
        <source>Decision dates within:</source>
        <translation>决策日期范围：</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="180"/>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="196"/>
        <location filename="../../ui/pages/dashboard.py" line="200"/>
        <source>Decisions due</source>
        <translation>待决策</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="199"/>
        <source>Expiring documents</source>
        <translation>即将到期的文件</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="208"/>
        <source>Waiting for my approval</source>
        <translation>待我审批</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="220"/>
        <source>Needs attention today (%1)</source>
        <translation>今日待关注（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="235"/>
        <source>No agreements yet. Add one, import a file or load the demo data, and the portfolio is charted here.</source>
        <translation>还没有协议。新建协议、导入文件或加载演示数据后，协议组合将在此处以图表显示。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="319"/>
        <location filename="../../ui/pages/dashboard.py" line="328"/>
        <source>Dashboard</source>
        <translation>仪表板</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="353"/>
        <source>The dashboard could not be read: %1</source>
        <translation>无法读取仪表板：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="364"/>
        <source>Not counted: %1 in the pipeline, %2 ended (history)</source>
        <translation>未计入：筹备中 %1 份，已结束（历史）%2 份</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="370"/>
        <source>Not counted: pipeline %1</source>
        <translation>未计入：筹备中 %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="375"/>
        <source>In force (%1): %2
Pipeline (%3): %4
History, ended (%5): %6</source>
        <translation>生效中（%1 份）：%2
筹备中（%3 份）：%4
历史，已结束（%5 份）：%6</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="388"/>
        <source>+ %1 overdue</source>
        <translation>+ %1 项已逾期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="484"/>
        <source>overdue by 1 day</source>
        <translation>逾期 1 天</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="486"/>
        <source>overdue by %1 days</source>
        <translation>逾期 %1 天</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_approvals.py" line="22"/>
        <source>Value (base)</source>
        <translation>金额（本位币）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_approvals.py" line="23"/>
        <source>Requested by</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_approvals.py" line="24"/>
        <source>Since</source>
        <translation>提交日期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_approvals.py" line="48"/>
        <source>Waiting for my approval (%1)</source>
        <translation>待我审批（%1）</translation>
    </message>
</context>
<context>
    <name>DecimalEdit</name>
    <message>
        <location filename="../../ui/editors/fields.py" line="79"/>
        <source>is not a number</source>
        <translation>不是数字</translation>
    </message>
</context>
<context>
    <name>DocumentDialog</name>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="315"/>
        <source>Add a document: %1</source>
        <translation>添加资质文件：%1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="322"/>
        <source>Document</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="323"/>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="324"/>
        <source>Expires</source>
        <translation>到期</translation>
    </message>
</context>
<context>
    <name>DueWatcher</name>
    <message numerus="yes">
        <location filename="../../ui/tray.py" line="114"/>
        <source>%n more need you.</source>
        <translation>
            <numerusform>还有 %n 项需要您处理。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tray.py" line="123"/>
        <source>%n item(s) need you</source>
        <translation>
            <numerusform>%n 项事项需要您处理</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tray.py" line="126"/>
        <source>%n overdue.</source>
        <translation>
            <numerusform>其中 %n 项已逾期。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EditorDialog</name>
    <message>
        <location filename="../../ui/editors/base.py" line="42"/>
        <source>Save and close (Enter)</source>
        <translation>保存并关闭（Enter）</translation>
    </message>
    <message>
        <location filename="../../ui/editors/base.py" line="43"/>
        <source>Save and keep this window open ({keys})</source>
        <translation>保存并保持此窗口打开（{keys}）</translation>
    </message>
    <message>
        <location filename="../../ui/editors/base.py" line="44"/>
        <source>Close; asks first if there are unsaved changes (Esc)</source>
        <translation>关闭；如有未保存的更改会先询问（Esc）</translation>
    </message>
    <message>
        <location filename="../../ui/editors/base.py" line="109"/>
        <source>Changed by someone else</source>
        <translation>已被他人修改</translation>
    </message>
    <message>
        <location filename="../../ui/editors/base.py" line="131"/>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location filename="../../ui/editors/base.py" line="150"/>
        <source>The new language applies when this window is opened again.</source>
        <translation>新语言将在再次打开此窗口时生效。</translation>
    </message>
</context>
<context>
    <name>EnumLabel</name>
    <message>
        <location filename="../../ui/editors/labels.py" line="13"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="14"/>
        <source>Negotiation</source>
        <translation>谈判中</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="15"/>
        <source>Pending approval</source>
        <translation>待审批</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="16"/>
        <source>Active</source>
        <translation>生效</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="17"/>
        <source>Expired</source>
        <translation>已到期</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="18"/>
        <source>Terminated</source>
        <translation>已终止</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="19"/>
        <source>Renewed</source>
        <translation>已续约</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="20"/>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="21"/>
        <source>Logistics</source>
        <translation>物流</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="22"/>
        <source>Marketing</source>
        <translation>营销</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="23"/>
        <source>Payment</source>
        <translation>支付</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="24"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="25"/>
        <source>Green</source>
        <translation>绿</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="26"/>
        <source>Amber</source>
        <translation>黄</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="27"/>
        <source>Red</source>
        <translation>红</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="28"/>
        <source>No data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="29"/>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="30"/>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="31"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="32"/>
        <source>Exclusive distributor</source>
        <translation>独家经销商</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="33"/>
        <source>Authorised distributor</source>
        <translation>授权经销商</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="34"/>
        <source>Authorised reseller</source>
        <translation>授权零售商</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="35"/>
        <source>Flagship store</source>
        <translation>旗舰店</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="36"/>
        <source>Partner</source>
        <translation>合作伙伴</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="37"/>
        <source>Merchant</source>
        <translation>商户</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="38"/>
        <source>Shared</source>
        <translation>共同承担</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="39"/>
        <source>Signed contract</source>
        <translation>已签署合同</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="40"/>
        <source>Amendment</source>
        <translation>补充协议</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="41"/>
        <source>Brand authorisation</source>
        <translation>品牌授权书</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="42"/>
        <source>Trademark certificate</source>
        <translation>商标证书</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="43"/>
        <source>Payment licence</source>
        <translation>支付牌照</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="44"/>
        <source>Customs licence</source>
        <translation>报关资质</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="45"/>
        <source>Business licence</source>
        <translation>营业执照</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="46"/>
        <source>Import permit</source>
        <translation>进口许可证</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="47"/>
        <source>Onboarding</source>
        <translation>入驻中</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="48"/>
        <source>Suspended</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="49"/>
        <source>Paid</source>
        <translation>已缴纳</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="50"/>
        <source>Held</source>
        <translation>冻结中</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="51"/>
        <source>Forfeited</source>
        <translation>已没收</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="52"/>
        <source>Counterfeit</source>
        <translation>假冒商品</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="53"/>
        <source>Late shipment</source>
        <translation>延迟发货</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="54"/>
        <source>False advertising</source>
        <translation>虚假宣传</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="55"/>
        <source>Customs</source>
        <translation>海关违规</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="56"/>
        <source>Minor</source>
        <translation>轻微</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="57"/>
        <source>Major</source>
        <translation>较重</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="58"/>
        <source>Critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="59"/>
        <source>Upheld</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="60"/>
        <source>Appealed</source>
        <translation>申诉中</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="61"/>
        <source>Dismissed</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="62"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="63"/>
        <source>Higher is better</source>
        <translation>越高越好</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="64"/>
        <source>Lower is better</source>
        <translation>越低越好</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="65"/>
        <source>First mile</source>
        <translation>头程</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="66"/>
        <source>International freight</source>
        <translation>国际运输</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="67"/>
        <source>Customs clearance</source>
        <translation>清关</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="68"/>
        <source>Bonded warehouse</source>
        <translation>保税仓</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="69"/>
        <source>Last mile</source>
        <translation>尾程配送</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="70"/>
        <source>Online ads</source>
        <translation>线上广告</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="71"/>
        <source>Offline promotion</source>
        <translation>线下推广</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="72"/>
        <source>Livestream</source>
        <translation>直播</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="73"/>
        <source>Social / KOL</source>
        <translation>社交 / 达人</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="74"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="75"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="76"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="77"/>
        <source>Waived</source>
        <translation>已豁免</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="78"/>
        <source>Direct sales</source>
        <translation>直营</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="79"/>
        <source>Brand owner</source>
        <translation>品牌方</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="80"/>
        <source>Logistics provider</source>
        <translation>物流服务商</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="81"/>
        <source>Marketing channel</source>
        <translation>营销渠道</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="82"/>
        <source>Payment institution</source>
        <translation>支付机构</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="83"/>
        <source>E-commerce platform</source>
        <translation>电商平台</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="84"/>
        <source>Prospect</source>
        <translation>潜在</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="85"/>
        <source>Inactive</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="86"/>
        <source>Card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="87"/>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="88"/>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="89"/>
        <source>UnionPay</source>
        <translation>银联</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="90"/>
        <source>Bank transfer</source>
        <translation>银行转账</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="91"/>
        <source>Wallet</source>
        <translation>电子钱包</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="92"/>
        <source>Per kg</source>
        <translation>按公斤</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="93"/>
        <source>Per parcel</source>
        <translation>按包裹</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="94"/>
        <source>Per CBM</source>
        <translation>按立方米</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="95"/>
        <source>Per container</source>
        <translation>按集装箱</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="96"/>
        <source>Percent of value</source>
        <translation>按货值百分比</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="97"/>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="98"/>
        <source>Traffic</source>
        <translation>流量</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="99"/>
        <source>Inventory</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="100"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="101"/>
        <source>Prepayment</source>
        <translation>预付款</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="102"/>
        <source>Net 30</source>
        <translation>月结 30 天</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="103"/>
        <source>Net 60</source>
        <translation>月结 60 天</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="104"/>
        <source>Letter of credit</source>
        <translation>信用证</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="105"/>
        <source>Third-party warehouse</source>
        <translation>第三方仓库</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="106"/>
        <source>Bonded import</source>
        <translation>保税进口</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="107"/>
        <source>Direct mail</source>
        <translation>直邮</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="108"/>
        <source>General trade</source>
        <translation>一般贸易</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="109"/>
        <source>Consumer</source>
        <translation>消费者</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="110"/>
        <source>Double 11</source>
        <translation>双11</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="111"/>
        <source>618</source>
        <translation>618</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="112"/>
        <source>Black Friday</source>
        <translation>黑色星期五</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="113"/>
        <source>Chinese New Year</source>
        <translation>春节</translation>
    </message>
    <message>
        <location filename="../../ui/editors/labels.py" line="114"/>
        <source>Brand day</source>
        <translation>品牌日</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="71"/>
        <location filename="../../ui/dialogs/export_dialog.py" line="74"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="75"/>
        <source>&amp;Agreements</source>
        <translation>协议(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="75"/>
        <source>&amp;Partners</source>
        <translation>合作伙伴(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="78"/>
        <source>Rows</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="80"/>
        <source>A&amp;ll</source>
        <translation>全部(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="81"/>
        <source>As the list is &amp;filtered now</source>
        <translation>按列表当前的筛选(&amp;F)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/export_dialog.py" line="145"/>
        <source>The %n &amp;selected agreement(s)</source>
        <translation>
            <numerusform>选中的 %n 份协议(&amp;S)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/export_dialog.py" line="147"/>
        <source>The %n &amp;selected partner(s)</source>
        <translation>
            <numerusform>选中的 %n 个合作伙伴(&amp;S)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="86"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="88"/>
        <source>&amp;CSV (UTF-8, opens in Excel)</source>
        <translation>&amp;CSV（UTF-8，可用 Excel 打开）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="89"/>
        <source>E&amp;xcel workbook (XLSX)</source>
        <translation>Excel 工作簿 (XLSX)(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="100"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="189"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="191"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="193"/>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="210"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="211"/>
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/export_dialog.py" line="216"/>
        <source>Exported %Ln agreement(s) to %1</source>
        <translation>
            <numerusform>已将 %Ln 份协议导出到 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/export_dialog.py" line="218"/>
        <source>Exported %Ln partner(s) to %1</source>
        <translation>
            <numerusform>已将 %Ln 个合作伙伴导出到 %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="223"/>
        <location filename="../../ui/dialogs/export_dialog.py" line="225"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="226"/>
        <source>The export failed; no file was written. (%1)</source>
        <translation>导出失败，未写入任何文件。（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="230"/>
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消，未写入任何文件。</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="50"/>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="52"/>
        <source>Agreements or partners, as CSV or Excel (XLSX). Chinese Excel files are fine.</source>
        <translation>协议或合作伙伴，CSV 或 Excel (XLSX) 格式。支持中文 Excel 文件。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="55"/>
        <source>A .csv or .xlsx file</source>
        <translation>.csv 或 .xlsx 文件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="57"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="65"/>
        <source>Detect automatically</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="66"/>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="67"/>
        <source>GBK / GB18030 (Chinese Excel)</source>
        <translation>GBK / GB18030（中文版 Excel）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="68"/>
        <source>UTF-16 (Unicode text)</source>
        <translation>UTF-16（Unicode 文本）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="69"/>
        <source>Big5 (Traditional Chinese)</source>
        <translation>Big5（繁体中文）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="70"/>
        <source>Shift JIS (Japanese)</source>
        <translation>Shift JIS（日文）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="71"/>
        <source>Windows Western (cp1252)</source>
        <translation>Windows 西欧语言（cp1252）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="77"/>
        <source>Detect from the headers</source>
        <translation>根据表头识别</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="78"/>
        <source>Agreements (and their partners)</source>
        <translation>协议（及其合作伙伴）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="79"/>
        <source>Partners</source>
        <translation>合作伙伴</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="83"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="84"/>
        <source>Text encoding (CSV):</source>
        <translation>文本编码（CSV）：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="85"/>
        <source>Sheet (XLSX):</source>
        <translation>工作表（XLSX）：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="86"/>
        <source>Contains:</source>
        <translation>内容：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="92"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="93"/>
        <source>Spreadsheets (*.csv *.xlsx *.txt);;All files (*)</source>
        <translation>电子表格 (*.csv *.xlsx *.txt);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>FxRatesTab</name>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="73"/>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="78"/>
        <source>Warn when a rate in use is older than:</source>
        <translation>使用中的汇率超过以下天数时提醒：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="76"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="80"/>
        <source>Default %1 days. The dashboard and page 1 of every report say so.</source>
        <translation>默认 %1 天。仪表板和每份报告第 1 页都会提示。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="87"/>
        <source>Import file…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="89"/>
        <source>A CSV or XLSX file of rates: currency, rate, date, source</source>
        <translation>汇率 CSV 或 XLSX 文件：币种、汇率、日期、来源</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="98"/>
        <source>Currencies</source>
        <translation>币种</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="103"/>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="156"/>
        <source>In force from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="103"/>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="113"/>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="150"/>
        <source>%1 per unit</source>
        <translation>折合 %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="104"/>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="161"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="106"/>
        <source>Rate history</source>
        <translation>汇率历史</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="133"/>
        <source>Rate over time</source>
        <translation>汇率随时间变化</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="145"/>
        <source>USD</source>
        <translation>USD</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="148"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="151"/>
        <source>Rate</source>
        <translation>汇率</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="158"/>
        <source>PBOC, ECB, manual…</source>
        <translation>PBOC、ECB、manual…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="162"/>
        <source>Save rate</source>
        <translation>保存汇率</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="163"/>
        <source>A rate already stored for that day is replaced</source>
        <translation>同一天已有的汇率将被替换</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="192"/>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="263"/>
        <source>Older than the warning age: add a newer rate.</source>
        <translation>已超过提醒期限：请添加更新的汇率。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="236"/>
        <source>manual</source>
        <translation>手动录入</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="255"/>
        <source>No rate in force today.</source>
        <translation>今天没有生效的汇率。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="259"/>
        <source>In force today: %1, %2 days old.</source>
        <translation>今天生效：%1，已有 %2 天。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="273"/>
        <source>1 %1 in %2</source>
        <translation>1 %1 折合 %2</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="383"/>
        <source>The rate must be a number, e.g. 7.1350</source>
        <translation>汇率必须是数字，如 7.1350</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="403"/>
        <source>Import exchange rates</source>
        <translation>导入汇率</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="404"/>
        <source>Rate files (*.csv *.xlsx);;All files (*)</source>
        <translation>汇率文件 (*.csv *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="434"/>
        <source>… and %1 more</source>
        <translation>… 另有 %1 项</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="435"/>
        <source>Nothing was imported:</source>
        <translation>未导入任何内容：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="422"/>
        <source>%1 rates read: %2 added, %3 changed, %4 already there.</source>
        <translation>读取 %1 条汇率：新增 %2 条，修改 %3 条，%4 条已存在。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="104"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="221"/>
        <source>In force</source>
        <translation>现行</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="221"/>
        <source>Converted figures use it</source>
        <translation>折算金额使用此汇率</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="222"/>
        <source>Stale</source>
        <translation>已过时</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="222"/>
        <source>In force, but older than the warning age: add a newer rate</source>
        <translation>现行，但已超过提醒期限：请添加更新的汇率</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="114"/>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="224"/>
        <source>Superseded</source>
        <translation>已被取代</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="224"/>
        <source>A newer rate is in force</source>
        <translation>已有更新的汇率生效</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="225"/>
        <source>Scheduled</source>
        <translation>待生效</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/fx_rates_tab.py" line="225"/>
        <source>In force from its date</source>
        <translation>自其日期起生效</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <location filename="../../ui/editors/agreement/history.py" line="19"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/history.py" line="19"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/history.py" line="19"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/history.py" line="19"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/history.py" line="20"/>
        <source>Old value</source>
        <translation>原值</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/history.py" line="20"/>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/history.py" line="23"/>
        <source>A new agreement has no history yet.</source>
        <translation>新协议还没有历史记录。</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/history.py" line="27"/>
        <source>Show changes by</source>
        <translation>显示此人的更改</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/history.py" line="29"/>
        <source>Changes by:</source>
        <translation>更改人：</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/history.py" line="50"/>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
</context>
<context>
    <name>ImportColumns</name>
    <message>
        <location filename="../../ui/dialogs/import_columns.py" line="20"/>
        <source>Reference</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_columns.py" line="21"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_columns.py" line="22"/>
        <source>Cooperation type</source>
        <translation>合作类型</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_columns.py" line="23"/>
        <location filename="../../ui/dialogs/import_columns.py" line="45"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_columns.py" line="24"/>
        <source>Partner</source>
        <translation>合作伙伴</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_columns.py" line="25"/>
        <source>Partner&apos;s local name</source>
        <translation>合作伙伴本地名称</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_columns.py" line="26"/>
        <source>Partner&apos;s country</source>
        <translation>合作伙伴国家/地区</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_columns.py" line="27"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_columns.py" line="28"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_columns.py" line="29"/>
        <source>Contract value</source>
        <translation>合同金额</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_columns.py" line="30"/>
        <source>Signed</source>
        <translation>签署日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_columns.py" line="31"/>
        <source>Start date</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_columns.py" line="32"/>
        <source>End date</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_columns.py" line="33"/>
        <source>Notice period (days)</source>
        <translation>通知期（天）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_columns.py" line="34"/>
        <source>Auto-renewal</source>
        <translation>自动续约</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_columns.py" line="35"/>
        <source>Renewal term (months)</source>
        <translation>续约期限（月）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_columns.py" line="36"/>
        <source>Governing law</source>
        <translation>适用法律</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_columns.py" line="37"/>
        <source>Territories</source>
        <translation>地域范围</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_columns.py" line="38"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_columns.py" line="41"/>
        <source>Legal name</source>
        <translation>法定名称</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_columns.py" line="42"/>
        <source>Local-script name</source>
        <translation>本地文字名称</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_columns.py" line="43"/>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_columns.py" line="44"/>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_columns.py" line="46"/>
        <source>Website</source>
        <translation>网站</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_columns.py" line="47"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_columns.py" line="48"/>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_columns.py" line="49"/>
        <source>Registered address</source>
        <translation>注册地址</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_columns.py" line="50"/>
        <source>Registration number</source>
        <translation>注册号码</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="331"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="342"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="343"/>
        <source>Importing</source>
        <translation>导入中</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="256"/>
        <source>commas</source>
        <translation>逗号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="257"/>
        <source>semicolons</source>
        <translation>分号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="258"/>
        <source>tabs</source>
        <translation>制表符</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="368"/>
        <source>Import agreements or partners</source>
        <translation>导入协议或合作伙伴</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="408"/>
        <source>The import failed: {error}</source>
        <translation>导入失败：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="411"/>
        <source>Cancelled: nothing was imported.</source>
        <translation>已取消：未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="416"/>
        <source>{creates} new, {updates} updated</source>
        <translation>新增 {creates} 条，更新 {updates} 条</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="420"/>
        <source>, {n} unchanged</source>
        <translation>，{n} 条未变</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/import_wizard.py" line="422"/>
        <source>, %n new partner(s)</source>
        <translation>
            <numerusform>，新增合作伙伴 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/import_wizard.py" line="427"/>
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n 个问题</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/import_wizard.py" line="429"/>
        <source>{problems} in {rows} of %n row(s). Nothing will be imported until every row is right.</source>
        <translation>
            <numerusform>%n 行中有 {rows} 行存在{problems}。所有行都正确之前不会导入任何内容。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/import_wizard.py" line="440"/>
        <source>Imported %n row(s): {counts}.</source>
        <translation>
            <numerusform>已导入 %n 行：{counts}。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/import_wizard.py" line="442"/>
        <source>All %n row(s) are fine: {counts} on import.</source>
        <translation>
            <numerusform>全部 %n 行均无问题：导入后将{counts}。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="424"/>
        <source>The file has no data rows below its header; nothing to import.</source>
        <translation>文件表头下没有数据行，没有可导入的内容。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="436"/>
        <source>Ignored columns: {cols}</source>
        <translation>已忽略的列：{cols}</translation>
    </message>
</context>
<context>
    <name>KpiActualsImport</name>
    <message>
        <location filename="../../ui/dialogs/kpi_actuals_import.py" line="28"/>
        <location filename="../../ui/dialogs/kpi_actuals_import.py" line="43"/>
        <source>Import KPI actuals</source>
        <translation>导入 KPI 实际值</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/kpi_actuals_import.py" line="29"/>
        <source>Spreadsheets (*.csv *.xlsx);;All files (*)</source>
        <translation>电子表格 (*.csv *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/kpi_actuals_import.py" line="48"/>
        <source>%1 KPI actuals read: %2 added, %3 changed, %4 already there.</source>
        <translation>读取 %1 条 KPI 实际值：新增 %2 条，修改 %3 条，%4 条已存在。</translation>
    </message>
</context>
<context>
    <name>KpiChart</name>
    <message>
        <location filename="../../ui/widgets/kpi_chart.py" line="37"/>
        <source>KPI over time</source>
        <translation>KPI 随时间变化</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/kpi_chart.py" line="54"/>
        <source>%1: no actuals recorded yet</source>
        <translation>%1：尚未记录实际值</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/kpi_chart.py" line="57"/>
        <source>Actual</source>
        <translation>实际</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/kpi_chart.py" line="64"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
</context>
<context>
    <name>KpiDialog</name>
    <message>
        <location filename="../../ui/editors/agreement/kpis.py" line="41"/>
        <source>KPI</source>
        <translation>KPI</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/kpis.py" line="44"/>
        <source>%, days, hours, x, currency</source>
        <translation>%、天、小时、倍、币种</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/kpis.py" line="49"/>
        <source>Metric *</source>
        <translation>指标 *</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/kpis.py" line="50"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/kpis.py" line="51"/>
        <source>Target *</source>
        <translation>目标 *</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/kpis.py" line="52"/>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/kpis.py" line="60"/>
        <source>enter the target</source>
        <translation>请输入目标值</translation>
    </message>
</context>
<context>
    <name>KpisTab</name>
    <message>
        <location filename="../../ui/editors/agreement/kpis.py" line="108"/>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/kpis.py" line="108"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/kpis.py" line="108"/>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/kpis.py" line="109"/>
        <source>Latest actual</source>
        <translation>最新实际值</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/kpis.py" line="109"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/kpis.py" line="109"/>
        <source>Attainment</source>
        <translation>达成情况</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/kpis.py" line="112"/>
        <source>Add KPI…</source>
        <translation>添加 KPI…</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/kpis.py" line="113"/>
        <source>Add actual…</source>
        <translation>录入实际值…</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/kpis.py" line="114"/>
        <location filename="../../ui/editors/agreement/kpis.py" line="194"/>
        <source>Remove KPI</source>
        <translation>移除 KPI</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/editors/agreement/kpis.py" line="191"/>
        <source>Remove the KPI “{m}” and its %n actual(s)?</source>
        <translation>
            <numerusform>移除 KPI“{m}”及其 %n 条实际值？</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/i18n.py" line="111"/>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="112"/>
        <source>Logistics</source>
        <translation>物流</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="113"/>
        <source>Marketing</source>
        <translation>营销</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="114"/>
        <source>Payment</source>
        <translation>支付</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="115"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="121"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="122"/>
        <source>Negotiation</source>
        <translation>谈判中</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="123"/>
        <source>Pending approval</source>
        <translation>待审批</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="124"/>
        <location filename="../../ui/i18n.py" line="155"/>
        <source>Active</source>
        <translation>生效</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="125"/>
        <source>Expired</source>
        <translation>已到期</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="126"/>
        <source>Terminated</source>
        <translation>已终止</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="127"/>
        <source>Renewed</source>
        <translation>已续约</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="135"/>
        <source>Direct sales</source>
        <translation>直营</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="136"/>
        <source>Platform (third-party)</source>
        <translation>平台（第三方）</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="142"/>
        <source>Brand owner</source>
        <translation>品牌方</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="143"/>
        <source>Logistics provider</source>
        <translation>物流服务商</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="144"/>
        <source>Marketing channel</source>
        <translation>营销渠道</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="145"/>
        <source>Payment institution</source>
        <translation>支付机构</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="148"/>
        <source>E-commerce platform</source>
        <translation>电商平台</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="154"/>
        <source>Prospect</source>
        <translation>潜在</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="156"/>
        <source>Inactive</source>
        <translation>停用</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="167"/>
        <source>PartnerDesk</source>
        <translation>PartnerDesk</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="187"/>
        <source>Pages</source>
        <translation>页面</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="189"/>
        <source>Dashboard, agreements, partners, renewals, reports, sellers</source>
        <translation>仪表板、协议、合作伙伴、续约、报告、卖家</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="269"/>
        <source>Dashboard</source>
        <translation>仪表板</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="270"/>
        <source>Agreements</source>
        <translation>协议</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="271"/>
        <source>Partners</source>
        <translation>合作伙伴</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="272"/>
        <source>Renewals</source>
        <translation>续约</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="273"/>
        <source>Reports</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="274"/>
        <source>Sellers</source>
        <translation>卖家</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="288"/>
        <source>this computer&apos;s login</source>
        <translation>本机登录名</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="289"/>
        <source>Connected as %1</source>
        <translation>已连接身份：%1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="290"/>
        <source>Connected person and role</source>
        <translation>已连接的人员和角色</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="448"/>
        <source>Delete %Ln agreement(s)? You can undo this with %1.</source>
        <translation>
            <numerusform>删除 %Ln 份协议？可用 %1 撤销。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="92"/>
        <source>New &amp;agreement…</source>
        <translation>新建协议(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="93"/>
        <source>Create an agreement with a partner</source>
        <translation>与合作伙伴新建协议</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="97"/>
        <source>New &amp;partner…</source>
        <translation>新建合作伙伴(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="98"/>
        <source>Add a partner company</source>
        <translation>添加合作伙伴公司</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="101"/>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="103"/>
        <source>Import &amp;KPI actuals…</source>
        <translation>导入 KPI 实际值(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="104"/>
        <source>A file of reference, KPI, period, value for many agreements</source>
        <translation>包含编号、KPI、期间、数值的文件，可一次更新多份协议</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="107"/>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="108"/>
        <source>Save agreements or partners as CSV or Excel</source>
        <translation>将协议或合作伙伴保存为 CSV 或 Excel</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="111"/>
        <source>Export &amp;calendar…</source>
        <translation>导出日历(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="112"/>
        <source>Save the listed agreements&apos; decision dates, end dates and milestones for a calendar (.ics)</source>
        <translation>将列表中协议的决策截止日、到期日和里程碑保存为日历文件（.ics）</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="115"/>
        <source>&amp;Back up…</source>
        <translation>备份(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="116"/>
        <source>&amp;Restore from backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="117"/>
        <source>Load &amp;demo data…</source>
        <translation>加载演示数据(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="119"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="123"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="126"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="128"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="134"/>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="137"/>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="145"/>
        <source>&amp;About PartnerDesk</source>
        <translation>关于 PartnerDesk(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="163"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="174"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="179"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="183"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="192"/>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="213"/>
        <source>Search references, titles, partners (%1)</source>
        <translation>搜索编号、标题、合作伙伴（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="215"/>
        <source>Search agreements</source>
        <translation>搜索协议</translation>
    </message>
    <message>
        <location filename="../../ui/main_menus.py" line="217"/>
        <source>Enter lists agreements whose reference, title or partner match</source>
        <translation>按回车列出编号、标题或合作伙伴匹配的协议</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="298"/>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="308"/>
        <source>%1 agreements · %2 partners</source>
        <translation>%1 份协议 · %2 个合作伙伴</translation>
    </message>
    <message>
        <location filename="../../ui/window/records.py" line="87"/>
        <source>Cannot open the agreement</source>
        <translation>无法打开协议</translation>
    </message>
    <message>
        <location filename="../../ui/window/records.py" line="107"/>
        <source>Not allowed</source>
        <translation>不允许</translation>
    </message>
    <message>
        <location filename="../../ui/window/records.py" line="125"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../ui/window/records.py" line="161"/>
        <source>Cannot open the partner</source>
        <translation>无法打开合作伙伴</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="447"/>
        <source>Delete agreements</source>
        <translation>删除协议</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="457"/>
        <source>Delete %Ln agreement(s)</source>
        <translation>
            <numerusform>删除 %Ln 份协议</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="458"/>
        <source>Some agreements were not deleted</source>
        <translation>部分协议未删除</translation>
    </message>
    <message>
        <location filename="../../ui/window/records.py" line="178"/>
        <source>Cannot renew</source>
        <translation>无法续约</translation>
    </message>
    <message>
        <location filename="../../ui/window/records.py" line="187"/>
        <source>%1 renewed as %2</source>
        <translation>%1 已续约为 %2</translation>
    </message>
    <message>
        <location filename="../../ui/window/file_actions.py" line="83"/>
        <source>Backed up to %1</source>
        <translation>已备份到 %1</translation>
    </message>
    <message>
        <location filename="../../ui/window/file_actions.py" line="141"/>
        <source>Now using %1</source>
        <translation>当前使用 %1</translation>
    </message>
    <message>
        <location filename="../../ui/window/file_actions.py" line="154"/>
        <source>About PartnerDesk</source>
        <translation>关于 PartnerDesk</translation>
    </message>
    <message>
        <location filename="../../ui/window/file_actions.py" line="155"/>
        <source>PartnerDesk — cooperation agreements for partnership managers.</source>
        <translation>PartnerDesk — 为合作经理管理合作协议。</translation>
    </message>
    <message>
        <location filename="../../ui/window/file_actions.py" line="171"/>
        <source>Export calendar</source>
        <translation>导出日历</translation>
    </message>
    <message>
        <location filename="../../ui/window/file_actions.py" line="174"/>
        <source>iCalendar (*.ics)</source>
        <translation>iCalendar 日历 (*.ics)</translation>
    </message>
    <message>
        <location filename="../../ui/window/file_actions.py" line="189"/>
        <source>Calendar saved to %1 (events: %2)</source>
        <translation>日历已保存到 %1（共 %2 个事件）</translation>
    </message>
    <message>
        <location filename="../../ui/window/file_actions.py" line="196"/>
        <source>Writing the calendar…</source>
        <translation>正在写入日历…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="337"/>
        <source>Editing is off: %1.</source>
        <translation>已关闭编辑：%1。</translation>
    </message>
</context>
<context>
    <name>MilestoneDialog</name>
    <message>
        <location filename="../../ui/editors/agreement/milestones.py" line="43"/>
        <source>Milestone</source>
        <translation>里程碑</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/milestones.py" line="53"/>
        <source>optional, in {c}</source>
        <translation>可选，单位 {c}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/milestones.py" line="56"/>
        <source>Title *</source>
        <translation>标题 *</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/milestones.py" line="57"/>
        <source>Due *</source>
        <translation>截止日期 *</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/milestones.py" line="58"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/milestones.py" line="59"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/milestones.py" line="60"/>
        <source>Amount ({c})</source>
        <translation>金额（{c}）</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/milestones.py" line="61"/>
        <source>Completed on</source>
        <translation>完成日期</translation>
    </message>
</context>
<context>
    <name>MilestonesTab</name>
    <message>
        <location filename="../../ui/editors/agreement/milestones.py" line="94"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/milestones.py" line="94"/>
        <source>Due</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/milestones.py" line="94"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/milestones.py" line="94"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/milestones.py" line="95"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/milestones.py" line="95"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/milestones.py" line="98"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/milestones.py" line="99"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/milestones.py" line="100"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/milestones.py" line="121"/>
        <source>Overdue since {d}</source>
        <translation>自 {d} 起逾期</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/milestones.py" line="154"/>
        <source>Remove milestone</source>
        <translation>移除里程碑</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/milestones.py" line="154"/>
        <source>Remove “{t}”?</source>
        <translation>移除“{t}”？</translation>
    </message>
</context>
<context>
    <name>NotificationsTab</name>
    <message>
        <location filename="../../ui/dialogs/notification_settings.py" line="46"/>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/notification_settings.py" line="46"/>
        <source>TLS (SMTPS)</source>
        <translation>TLS（SMTPS）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/notification_settings.py" line="47"/>
        <source>None</source>
        <translation>不加密</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/notification_settings.py" line="52"/>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/notification_settings.py" line="55"/>
        <source>SMTP server:</source>
        <translation>SMTP 服务器：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/notification_settings.py" line="56"/>
        <source>Login:</source>
        <translation>登录名：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/notification_settings.py" line="59"/>
        <source>Kept in the system keyring; empty: unchanged</source>
        <translation>保存在系统密钥环中；留空则不变</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/notification_settings.py" line="60"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/notification_settings.py" line="61"/>
        <source>Sender:</source>
        <translation>发件人：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/notification_settings.py" line="62"/>
        <source>Decisions, days before:</source>
        <translation>决策提前提醒天数：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/notification_settings.py" line="63"/>
        <source>Documents, days before:</source>
        <translation>文件提前提醒天数：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/notification_settings.py" line="65"/>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/notification_settings.py" line="65"/>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/notification_settings.py" line="65"/>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/notification_settings.py" line="65"/>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/notification_settings.py" line="65"/>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/notification_settings.py" line="66"/>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/notification_settings.py" line="66"/>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/notification_settings.py" line="71"/>
        <source>Send nothing on:</source>
        <translation>以下日期不发送：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/notification_settings.py" line="76"/>
        <source>Default language:</source>
        <translation>默认语言：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/notification_settings.py" line="79"/>
        <source>Team leads:</source>
        <translation>团队负责人：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/notification_settings.py" line="80"/>
        <source>Attach the renewal outlook (PDF) to e-mails</source>
        <translation>在邮件中附上续约展望报告（PDF）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/notification_settings.py" line="88"/>
        <source>One per line: NAME KIND URL team=TEAM|person=LOGIN [lang=zh]
KIND: wecom, dingtalk, feishu or json</source>
        <translation>每行一个：名称 类型 URL team=团队|person=登录名 [lang=zh]
类型：wecom、dingtalk、feishu 或 json</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/notification_settings.py" line="93"/>
        <source>Chat webhooks:</source>
        <translation>群聊机器人：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/notification_settings.py" line="94"/>
        <source>Show a desktop notification when something becomes due</source>
        <translation>有事项到期时显示桌面通知</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/notification_settings.py" line="98"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/notification_settings.py" line="102"/>
        <source>Check every:</source>
        <translation>检查间隔：</translation>
    </message>
</context>
<context>
    <name>PartnerEditor</name>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="107"/>
        <source>Pages of this record</source>
        <translation>此记录的各页</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="109"/>
        <source>Partner</source>
        <translation>合作伙伴</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="110"/>
        <source>Agreements</source>
        <translation>协议</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="117"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="120"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="123"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="157"/>
        <source>e.g. 爱彼贸易有限公司</source>
        <translation>如：爱彼贸易有限公司</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="181"/>
        <source>e.g. unified social credit code, company number</source>
        <translation>如统一社会信用代码、公司注册号</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="193"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="194"/>
        <source>Title</source>
        <comment>a contact&apos;s job title, as a signature block prints it</comment>
        <translation>职务</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="195"/>
        <source>Role</source>
        <comment>a contact&apos;s part in the partnership</comment>
        <translation>分工</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="196"/>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="197"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="214"/>
        <source>Add contact</source>
        <translation>添加联系人</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="215"/>
        <source>Remove contact</source>
        <translation>移除联系人</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="239"/>
        <source>Legal name *</source>
        <translation>法定名称 *</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="240"/>
        <source>Local-script name</source>
        <translation>本地文字名称</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="241"/>
        <source>Country *</source>
        <translation>国家/地区 *</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="242"/>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="243"/>
        <source>Website</source>
        <translation>网站</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="244"/>
        <source>Registered address</source>
        <translation>注册地址</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="246"/>
        <source>Registration number</source>
        <translation>注册号码</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="249"/>
        <location filename="../../ui/editors/partner_editor.py" line="259"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="250"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="251"/>
        <location filename="../../ui/editors/partner_editor.py" line="252"/>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="259"/>
        <source>Reference</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="259"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="259"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="260"/>
        <source>Value</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="260"/>
        <source>Decision date</source>
        <translation>决策日期</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="264"/>
        <source>Agreements of this partner</source>
        <translation>此合作伙伴的协议</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="268"/>
        <source>Double-click an agreement to open it</source>
        <translation>双击协议即可打开</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="280"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="324"/>
        <source>Not read: {reason}</source>
        <translation>未能读取：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="352"/>
        <source>New partner</source>
        <translation>新建合作伙伴</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="353"/>
        <source>Partner — {name}</source>
        <translation>合作伙伴 — {name}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="359"/>
        <source>%1 (read only)</source>
        <translation>%1（只读）</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="366"/>
        <source>Undo/redo changed this partner; saving will offer to reload it.</source>
        <translation>撤销/重做已修改此合作伙伴；保存时将提示重新加载。</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="322"/>
        <source>Undo/redo removed this partner.</source>
        <translation>撤销/重做已删除此合作伙伴。</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="389"/>
        <source>Agreements ({n})</source>
        <translation>协议（{n}）</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="547"/>
        <source>This partner no longer exists: {e}</source>
        <translation>该合作伙伴已不存在：{e}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="550"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="552"/>
        <source>Not saved: {reason}</source>
        <translation>未保存：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="558"/>
        <source>Reload the partner as it is now? Your unsaved edits in this window will be lost.</source>
        <translation>是否重新加载该合作伙伴的当前内容？此窗口中未保存的修改将会丢失。</translation>
    </message>
    <message>
        <location filename="../../ui/editors/partner_editor.py" line="566"/>
        <source>This partner has changes that are not saved. Save them?</source>
        <translation>该合作伙伴有未保存的更改。是否保存？</translation>
    </message>
</context>
<context>
    <name>PartnerOverview</name>
    <message>
        <location filename="../../ui/pages/partners.py" line="83"/>
        <source>Edit partner…</source>
        <translation>编辑合作伙伴…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="84"/>
        <source>New agreement…</source>
        <translation>新建协议…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="85"/>
        <source>Partner dossier…</source>
        <translation>合作伙伴档案…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="95"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="95"/>
        <source>Role</source>
        <translation>分工</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="95"/>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="96"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="101"/>
        <location filename="../../ui/pages/partners.py" line="102"/>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="108"/>
        <source>Agreements with this partner</source>
        <translation>与该合作伙伴的协议</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="122"/>
        <source>All agreements with this partner</source>
        <translation>与该合作伙伴的全部协议</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="146"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="174"/>
        <source>Select a partner to see its agreements</source>
        <translation>选择合作伙伴以查看其协议</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="183"/>
        <source>Country: %1</source>
        <translation>国家/地区：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="184"/>
        <source>Roles: %1</source>
        <translation>角色：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="185"/>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="188"/>
        <source>Website: %1</source>
        <translation>网站：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/partners.py" line="199"/>
        <source>%n agreement(s)</source>
        <translation>
            <numerusform>%n 份协议</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PartnerPicker</name>
    <message>
        <location filename="../../ui/editors/agreement/partner_picker.py" line="65"/>
        <source>Type a name in English or Chinese</source>
        <translation>输入英文或中文名称</translation>
    </message>
</context>
<context>
    <name>PartnerTableModel</name>
    <message>
        <location filename="../../ui/models/partners.py" line="23"/>
        <source>Legal name</source>
        <translation>法定名称</translation>
    </message>
    <message>
        <location filename="../../ui/models/partners.py" line="29"/>
        <source>Local name</source>
        <translation>本地名称</translation>
    </message>
    <message>
        <location filename="../../ui/models/partners.py" line="35"/>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <location filename="../../ui/models/partners.py" line="41"/>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/models/partners.py" line="47"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/models/partners.py" line="53"/>
        <source>Agreements</source>
        <translation>协议</translation>
    </message>
</context>
<context>
    <name>PartnersPage</name>
    <message>
        <location filename="../../ui/pages/partners.py" line="220"/>
        <source>Search partners in either script…</source>
        <translation>以中英文搜索合作伙伴…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="224"/>
        <source>All roles</source>
        <translation>全部角色</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="229"/>
        <location filename="../../ui/pages/partners.py" line="247"/>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="234"/>
        <source>New partner…</source>
        <translation>新建合作伙伴…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="244"/>
        <source>Partners</source>
        <translation>合作伙伴</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="245"/>
        <source>Search partners</source>
        <translation>搜索合作伙伴</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="246"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="252"/>
        <source>Ctrl or Shift and click picks several partners to export</source>
        <translation>按住 Ctrl 或 Shift 单击可选择多个合作伙伴导出</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/partners.py" line="320"/>
        <source>%Ln partner(s)</source>
        <translation>
            <numerusform>%Ln 个合作伙伴</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="347"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/partners.py" line="349"/>
        <source>%Ln selected partner(s) as CSV…</source>
        <translation>
            <numerusform>将选中的 %Ln 个合作伙伴导出为 CSV…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/partners.py" line="350"/>
        <source>%Ln selected partner(s) as XLSX…</source>
        <translation>
            <numerusform>将选中的 %Ln 个合作伙伴导出为 XLSX…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="351"/>
        <source>This list as CSV…</source>
        <translation>将此列表导出为 CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="352"/>
        <source>This list as XLSX…</source>
        <translation>将此列表导出为 XLSX…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="326"/>
        <source>Edit partner…</source>
        <translation>编辑合作伙伴…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="327"/>
        <source>New agreement…</source>
        <translation>新建协议…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="328"/>
        <source>Partner dossier…</source>
        <translation>合作伙伴档案…</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <location filename="../../ui/widgets/pdf_preview.py" line="119"/>
        <source>No preview on this computer: save the report and open it in a PDF viewer.</source>
        <translation>本机无法预览：请保存报告并用 PDF 阅读器打开。</translation>
    </message>
</context>
<context>
    <name>PortfolioCharts</name>
    <message>
        <location filename="../../ui/pages/dashboard_charts.py" line="165"/>
        <source>Agreements</source>
        <translation>协议</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_charts.py" line="70"/>
        <source>Value in force by type</source>
        <translation>生效协议按类型金额</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_charts.py" line="71"/>
        <source>In force and pipeline</source>
        <translation>生效中与筹备中</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_charts.py" line="72"/>
        <location filename="../../ui/pages/dashboard_charts.py" line="152"/>
        <source>Brand operating model, in force</source>
        <translation>品牌经营模式（生效中）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_charts.py" line="73"/>
        <source>Value in force by currency</source>
        <translation>生效协议按币种金额</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_charts.py" line="146"/>
        <source>Value in force by type (%1)</source>
        <translation>生效协议按类型金额（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_charts.py" line="160"/>
        <source>Agreements in force and in the pipeline</source>
        <translation>生效中与筹备中的协议</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_charts.py" line="161"/>
        <source>In force</source>
        <translation>生效中</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_charts.py" line="168"/>
        <source>Value in force by currency (million %1)</source>
        <translation>生效协议按币种金额（百万 %1）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_charts.py" line="197"/>
        <source>Totals in %1 at the rates in force on %2.</source>
        <translation>合计按 %2 生效的汇率折算为 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_charts.py" line="200"/>
        <source>Left out for lack of a rate: %1.</source>
        <translation>因缺少汇率未计入：%1。</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="137"/>
        <source>Check the columns</source>
        <translation>检查列</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="139"/>
        <source>Columns we do not recognise are highlighted: choose what each one holds, or leave it ignored.</source>
        <translation>无法识别的列已突出显示：请选择每列的内容，或保持忽略。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="147"/>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="147"/>
        <source>Holds</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="191"/>
        <source>Not recognised</source>
        <translation>无法识别</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="194"/>
        <source>What the column {header} holds</source>
        <translation>列“{header}”的内容</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="195"/>
        <source>(ignore)</source>
        <translation>（忽略）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="226"/>
        <source>agreements</source>
        <translation>协议</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="226"/>
        <source>partners</source>
        <translation>合作伙伴</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/import_wizard.py" line="228"/>
        <source>About %n row(s) of {kind}.</source>
        <translation>
            <numerusform>约 %n 行{kind}。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="231"/>
        <source>Read as {enc}, separated by {sep}.</source>
        <translation>按 {enc} 读取，分隔符为 {sep}。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="237"/>
        <source>{header}: amounts are read as × {factor} {currency}</source>
        <translation>{header}：金额按 × {factor} {currency} 读取</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="244"/>
        <source>Every required column is there ({cols}).</source>
        <translation>所有必需的列都已具备（{cols}）。</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <location filename="../../ui/i18n.py" line="43"/>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="44"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="45"/>
        <source>%1 File</source>
        <translation>%1 文件</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="46"/>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="47"/>
        <source>Shortcut</source>
        <translation>快捷方式</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="48"/>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../ui/i18n.py" line="41"/>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="42"/>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <location filename="../../ui/editors/record_dialog.py" line="41"/>
        <source>Save (Enter)</source>
        <translation>保存（Enter）</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_dialog.py" line="44"/>
        <source>Close without saving (Esc)</source>
        <translation>关闭且不保存（Esc）</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_dialog.py" line="91"/>
        <source>Before the agreement starts ({start}).</source>
        <translation>早于协议开始日期（{start}）。</translation>
    </message>
</context>
<context>
    <name>RecordsTab</name>
    <message>
        <location filename="../../ui/editors/agreement/tab_base.py" line="76"/>
        <source>Save the agreement first (Apply) to add entries here.</source>
        <translation>请先保存协议（应用）再在此添加条目。</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/tab_base.py" line="157"/>
        <source>Copy row</source>
        <translation>复制此行</translation>
    </message>
    <message>
        <location filename="../../ui/editors/agreement/tab_base.py" line="232"/>
        <source>PartnerDesk</source>
        <translation>PartnerDesk</translation>
    </message>
</context>
<context>
    <name>ReminderWords</name>
    <message numerus="yes">
        <location filename="../../ui/application.py" line="189"/>
        <source>%Ln decision(s) due within %1 days:</source>
        <translation>
            <numerusform>%1 天内有 %Ln 项续约决定到期：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/application.py" line="192"/>
        <source>%Ln live agreement(s) are past their decision date.</source>
        <translation>
            <numerusform>%Ln 份生效中的协议已过决定日期。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RenewDialog</name>
    <message>
        <location filename="../../ui/dialogs/renew.py" line="28"/>
        <source>Renew {ref} ({title})?

A draft successor starting {start} is created and {ref} is marked renewed.

A renewal cannot be undone with Undo: if it was a mistake, delete the draft successor.</source>
        <translation>续约 {ref}（{title}）？

将创建一份自 {start} 起生效的草稿后续协议，{ref} 标记为已续约。

续约无法通过“撤销”撤回：如果续约有误，请删除该草稿后续协议。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/renew.py" line="36"/>
        <source>Renew {ref} ({title})?

A draft successor starting {start} is created; {ref} is marked renewed and stays in force until it ends on {end}.

A renewal cannot be undone with Undo: if it was a mistake, delete the draft successor.</source>
        <translation>续约 {ref}（{title}）？

将创建一份自 {start} 起生效的草稿后续协议；{ref} 标记为已续约，并在 {end} 到期前继续有效。

续约无法通过“撤销”撤回：如果续约有误，请删除该草稿后续协议。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/renew.py" line="52"/>
        <source>Renew agreement</source>
        <translation>续约协议</translation>
    </message>
</context>
<context>
    <name>RenewalsPage</name>
    <message>
        <location filename="../../ui/pages/renewals.py" line="58"/>
        <source>Next %1 days</source>
        <translation>未来 %1 天</translation>
    </message>
    <message>
        <location filename="../../ui/pages/renewals.py" line="61"/>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../../ui/pages/renewals.py" line="64"/>
        <location filename="../../ui/pages/renewals.py" line="288"/>
        <source>Renew…</source>
        <translation>续约…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/renewals.py" line="67"/>
        <location filename="../../ui/pages/renewals.py" line="287"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../ui/pages/renewals.py" line="72"/>
        <source>Decision dates in the</source>
        <translation>决策日期范围</translation>
    </message>
    <message>
        <location filename="../../ui/pages/renewals.py" line="82"/>
        <source>Decisions due, by month</source>
        <translation>按月列出的待决策事项</translation>
    </message>
    <message>
        <location filename="../../ui/pages/renewals.py" line="83"/>
        <source>Decision dates in the next</source>
        <translation>决策日期范围</translation>
    </message>
    <message>
        <location filename="../../ui/pages/renewals.py" line="84"/>
        <source>Cooperation type</source>
        <translation>合作类型</translation>
    </message>
    <message>
        <location filename="../../ui/pages/renewals.py" line="88"/>
        <source>Decision date</source>
        <translation>决策日期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/renewals.py" line="88"/>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <location filename="../../ui/pages/renewals.py" line="88"/>
        <source>Reference</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/renewals.py" line="89"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/pages/renewals.py" line="89"/>
        <source>Partner</source>
        <translation>合作伙伴</translation>
    </message>
    <message>
        <location filename="../../ui/pages/renewals.py" line="89"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/pages/renewals.py" line="89"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../ui/pages/renewals.py" line="90"/>
        <source>Auto-renew</source>
        <translation>自动续约</translation>
    </message>
    <message>
        <location filename="../../ui/pages/renewals.py" line="90"/>
        <source>Value</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/pages/renewals.py" line="154"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/renewals.py" line="156"/>
        <source>%1-%2</source>
        <translation>%1-%2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/renewals.py" line="158"/>
        <source>%Ln agreement(s)</source>
        <translation>
            <numerusform>%Ln 份协议</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/renewals.py" line="165"/>
        <source>Live agreements whose decision date has already passed</source>
        <translation>决策日期已过的生效中协议</translation>
    </message>
    <message>
        <location filename="../../ui/pages/renewals.py" line="217"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/renewals.py" line="171"/>
        <source>%Ln decision(s) due</source>
        <translation>
            <numerusform>%Ln 项待决策</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/renewals.py" line="173"/>
        <source>%1 overdue</source>
        <translation>%1 项已逾期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/renewals.py" line="175"/>
        <source>(first %1 shown)</source>
        <translation>（仅显示前 %1 项）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/renewals.py" line="231"/>
        <source>overdue by 1 day</source>
        <translation>逾期 1 天</translation>
    </message>
    <message>
        <location filename="../../ui/pages/renewals.py" line="233"/>
        <source>overdue by %1 days</source>
        <translation>逾期 %1 天</translation>
    </message>
</context>
<context>
    <name>ReportForm</name>
    <message>
        <location filename="../../ui/pages/reports_form.py" line="65"/>
        <source>e.g. BR-2026-0042</source>
        <translation>如 BR-2026-0042</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_form.py" line="69"/>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_form.py" line="73"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_form.py" line="84"/>
        <source>Also save the full list as XLSX</source>
        <translation>同时将完整清单另存为 XLSX</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_form.py" line="87"/>
        <source>Save as… writes the report&apos;s agreements to a spreadsheet beside the PDF</source>
        <translation>“另存为…”会把报告涉及的协议写入 PDF 旁的电子表格</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_form.py" line="92"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_form.py" line="94"/>
        <source>Legal or local name</source>
        <translation>法定名称或本地名称</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_form.py" line="101"/>
        <source>Reference</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_form.py" line="103"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_form.py" line="103"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_form.py" line="104"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_form.py" line="104"/>
        <source>Agreement list</source>
        <translation>协议清单</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_form.py" line="107"/>
        <source>Decision date within</source>
        <translation>决策日期在以下天数内</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_form.py" line="108"/>
        <source>Partner</source>
        <translation>合作伙伴</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_form.py" line="122"/>
        <source>As of</source>
        <translation>截至</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_form.py" line="122"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_form.py" line="126"/>
        <source>&amp;Report</source>
        <translation>报告(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_form.py" line="146"/>
        <source>Agreement contract report</source>
        <translation>协议合同报告</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_form.py" line="146"/>
        <source>Portfolio summary</source>
        <translation>组合摘要</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_form.py" line="147"/>
        <source>Renewal outlook</source>
        <translation>续约展望</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_form.py" line="147"/>
        <source>Partner dossier</source>
        <translation>合作伙伴档案</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_form.py" line="150"/>
        <source>None (the summary only)</source>
        <translation>无（仅摘要）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_form.py" line="151"/>
        <source>Top %1 agreements in force</source>
        <translation>金额最大的 %1 份生效协议</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_form.py" line="153"/>
        <source>Every agreement</source>
        <translation>全部协议</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_form.py" line="186"/>
        <source>All owners</source>
        <translation>全部负责人</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_form.py" line="224"/>
        <source>Type the reference of an agreement.</source>
        <translation>请输入协议编号。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_form.py" line="238"/>
        <source>Type the name of a partner.</source>
        <translation>请输入合作伙伴名称。</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="66"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="69"/>
        <source>Draw the report and show it</source>
        <translation>生成报告并显示</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="71"/>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="168"/>
        <location filename="../../ui/pages/reports_page.py" line="234"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="93"/>
        <source>Choose a report and press Preview</source>
        <translation>请选择报告，然后点击“预览”</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="157"/>
        <source>Preparing the report…</source>
        <translation>正在准备报告…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="173"/>
        <source>Drawing the report…</source>
        <translation>正在生成报告…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="186"/>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="191"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/reports_page.py" line="210"/>
        <source>Saved %1 and the list of %Ln agreement(s) in %2</source>
        <translation>
            <numerusform>已保存 %1，%Ln 份协议的清单保存在 %2</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="221"/>
        <source>%1, but the XLSX list could not be saved: %2</source>
        <translation>%1，但 XLSX 清单未能保存：%2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="228"/>
        <source>%1; the XLSX list was cancelled.</source>
        <translation>%1；XLSX 清单已取消。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="235"/>
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="249"/>
        <source>The options changed. Press Preview to see this report, or Save as… to draw and save it.</source>
        <translation>选项已更改。按“预览”查看此报告，或按“另存为…”生成并保存。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="266"/>
        <source>Ready: %1 KB. Save it with Save as…</source>
        <translation>已就绪：%1 KB。请用“另存为…”保存。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="284"/>
        <source>The report could not be drawn (%1).</source>
        <translation>报告无法生成（%1）。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="291"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="311"/>
        <source>Save report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="312"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>Screenshots</name>
    <message>
        <location filename="../../ui/editors/screenshots.py" line="81"/>
        <source>Flagship store 2027</source>
        <translation>2027 旗舰店</translation>
    </message>
</context>
<context>
    <name>SellerDialog</name>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="155"/>
        <source>New seller</source>
        <translation>新建卖家</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="155"/>
        <source>Edit seller</source>
        <translation>编辑卖家</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="171"/>
        <source>Legal name</source>
        <translation>法定名称</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="172"/>
        <source>Local name</source>
        <translation>本地名称</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="173"/>
        <source>Country (ISO code)</source>
        <translation>国家/地区（ISO 代码）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="174"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="175"/>
        <source>Deposit</source>
        <translation>保证金</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="176"/>
        <source>Deposit currency</source>
        <translation>保证金币种</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="177"/>
        <source>Deposit status</source>
        <translation>保证金状态</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="178"/>
        <source>On-time shipment %</source>
        <translation>准时发货率 %</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="179"/>
        <source>Dispute rate %</source>
        <translation>纠纷率 %</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="180"/>
        <source>Rating (0-5)</source>
        <translation>评分（0-5）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="182"/>
        <source>Stores</source>
        <translation>店铺</translation>
    </message>
</context>
<context>
    <name>SellerDialogs</name>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="94"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="122"/>
        <source>Not a number: %1</source>
        <translation>不是数字：%1</translation>
    </message>
</context>
<context>
    <name>SellerImport</name>
    <message>
        <location filename="../../ui/dialogs/seller_import.py" line="32"/>
        <source>Spreadsheets (*.csv *.xlsx);;All files (*)</source>
        <translation>表格文件 (*.csv *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_import.py" line="40"/>
        <source>Import sellers</source>
        <translation>导入卖家</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_import.py" line="41"/>
        <source>Import violations</source>
        <translation>导入违规记录</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_import.py" line="59"/>
        <source>Rows read: %1; added: %2, changed: %3, already there: %4.</source>
        <translation>读取 %1 行：新增 %2，更改 %3，已存在 %4。</translation>
    </message>
</context>
<context>
    <name>SellersPage</name>
    <message>
        <location filename="../../ui/pages/sellers.py" line="58"/>
        <source>New seller…</source>
        <translation>新建卖家…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="59"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="60"/>
        <source>Record violation…</source>
        <translation>登记违规…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="61"/>
        <source>Authorise brand…</source>
        <translation>授权品牌…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="62"/>
        <source>Add document…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="78"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="80"/>
        <source>Sellers…</source>
        <translation>卖家…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="81"/>
        <source>Violations…</source>
        <translation>违规记录…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="90"/>
        <source>Seller</source>
        <translation>卖家</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="90"/>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="90"/>
        <location filename="../../ui/pages/sellers.py" line="107"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="91"/>
        <source>Scorecard</source>
        <translation>考核评级</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="91"/>
        <source>Violations (12 months)</source>
        <translation>违规（12 个月）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="92"/>
        <source>Deposit left</source>
        <translation>保证金余额</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="92"/>
        <source>Deposit</source>
        <translation>保证金</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="92"/>
        <location filename="../../ui/pages/sellers.py" line="110"/>
        <location filename="../../ui/pages/sellers.py" line="113"/>
        <source>Brands</source>
        <translation>品牌</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="94"/>
        <source>Sellers</source>
        <translation>卖家</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="99"/>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="99"/>
        <source>Agreement</source>
        <translation>协议</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="100"/>
        <source>Brand owner</source>
        <translation>品牌方</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="100"/>
        <source>In force</source>
        <translation>生效中</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="103"/>
        <source>Document</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="103"/>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="103"/>
        <source>Expires</source>
        <translation>到期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="106"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="106"/>
        <source>Violation</source>
        <translation>违规类型</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="106"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="107"/>
        <source>Penalty</source>
        <translation>罚款</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="107"/>
        <source>Deducted</source>
        <translation>扣除保证金</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="111"/>
        <location filename="../../ui/pages/sellers.py" line="114"/>
        <source>Qualification documents</source>
        <translation>资质文件</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="112"/>
        <location filename="../../ui/pages/sellers.py" line="115"/>
        <source>Violations</source>
        <translation>违规记录</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="165"/>
        <source>%1 sellers, %2 in red</source>
        <translation>共 %1 家卖家，红色 %2 家</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="213"/>
        <source>Select a seller to see its brands, papers and violations.</source>
        <translation>选择一家卖家以查看其品牌、资质文件与违规记录。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="222"/>
        <source>%1 · deposit %2 %3 of %4 left · stores: %5</source>
        <translation>%1 · 保证金余额 %2 %3（共 %4）· 店铺：%5</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="231"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="231"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="265"/>
        <source>Remove brand…</source>
        <translation>移除品牌…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="265"/>
        <source>Remove document…</source>
        <translation>移除文件…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="266"/>
        <source>Edit violation…</source>
        <translation>编辑违规…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="288"/>
        <source>%1 will no longer sell %2 under %3.</source>
        <translation>%1 将不再依据 %3 销售 %2。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="295"/>
        <source>Remove %1 %2 of %3?</source>
        <translation>移除 %3 的%1 %2？</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="297"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sellers.py" line="311"/>
        <source>Not removed</source>
        <translation>未移除</translation>
    </message>
</context>
<context>
    <name>ServiceMessage</name>
    <message>
        <location filename="../../ui/editors/messages.py" line="22"/>
        <source>an agreement needs a title</source>
        <translation>协议需要标题</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="23"/>
        <source>at most 40 characters</source>
        <translation>最多 40 个字符</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="24"/>
        <source>at most 200 characters</source>
        <translation>最多 200 个字符</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="25"/>
        <source>at most 300 characters</source>
        <translation>最多 300 个字符</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="26"/>
        <source>a brand agreement needs its operating model: direct or platform</source>
        <translation>品牌协议需要指定经营模式：直营或平台</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="29"/>
        <source>the contract value must be an exact decimal number</source>
        <translation>合同金额必须是精确的十进制数</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="32"/>
        <source>the contract value is too large</source>
        <translation>合同金额过大</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="35"/>
        <source>signed after the agreement ends</source>
        <translation>签署日期晚于协议结束日期</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="38"/>
        <source>the notice period must be 0 to 3650 days</source>
        <translation>通知期必须为 0 到 3650 天</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="41"/>
        <source>an auto-renewing agreement needs its renewal term</source>
        <translation>自动续约的协议需要续约期限</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="44"/>
        <source>the renewal term must be 1 to 120 months</source>
        <translation>续约期限必须为 1 到 120 个月</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="47"/>
        <source>an active agreement needs its signed date</source>
        <translation>生效的协议需要签署日期</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="50"/>
        <source>the campaign ends before it starts</source>
        <translation>活动结束日期早于开始日期</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="53"/>
        <source>must not be negative</source>
        <translation>不能为负数</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="54"/>
        <source>is too large</source>
        <translation>过大</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="55"/>
        <source>must be an exact decimal number</source>
        <translation>必须是精确的十进制数</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="58"/>
        <source>a partner needs its legal name</source>
        <translation>合作伙伴需要法定名称</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="61"/>
        <source>a milestone needs a title</source>
        <translation>里程碑需要标题</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="62"/>
        <source>an amount needs an ISO 4217 currency</source>
        <translation>金额需要 ISO 4217 币种</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="65"/>
        <source>a done milestone needs its completion date</source>
        <translation>已完成的里程碑需要完成日期</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="68"/>
        <source>a KPI needs a name</source>
        <translation>KPI 需要名称</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="69"/>
        <source>the document needs a file name</source>
        <translation>文件需要文件名</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="79"/>
        <source>ends {end}, before it starts {start}</source>
        <translation>结束于 {end}，早于开始日期 {start}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="85"/>
        <source>{value}% is outside 0–100 %</source>
        <translation>{value}% 超出 0–100 % 范围</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="89"/>
        <source>{value} is not a number</source>
        <translation>{value} 不是数字</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="93"/>
        <source>{value} is not a whole number</source>
        <translation>{value} 不是整数</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="99"/>
        <source>{value} is not an ISO 4217 currency code</source>
        <translation>{value} 不是 ISO 4217 币种代码</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="105"/>
        <source>{value} is not an ISO 3166 country code (e.g. CN, US)</source>
        <translation>{value} 不是 ISO 3166 国家/地区代码（如 CN、US）</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="111"/>
        <source>{ref} is already used by another agreement</source>
        <translation>{ref} 已被另一份协议使用</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="117"/>
        <source>contact {n} has no name</source>
        <translation>第 {n} 位联系人没有姓名</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="121"/>
        <source>contact {n}: {email} is not an e-mail address</source>
        <translation>第 {n} 位联系人：{email} 不是电子邮件地址</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="131"/>
        <source>contains U+{code} ({what}) at character {at}, which is not text; remove it</source>
        <translation>第 {at} 个字符 U+{code}（{what}）不是文本，请删除</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="138"/>
        <source>the same file is already attached as {names}</source>
        <translation>同一文件已作为 {names} 附加</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="144"/>
        <source>a partner named {name} in {country} exists</source>
        <translation>{country} 已存在名为 {name} 的合作伙伴</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="153"/>
        <source>NUL, a null byte</source>
        <translation>NUL 空字节</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="154"/>
        <source>half of a surrogate pair</source>
        <translation>不成对的代理项</translation>
    </message>
    <message>
        <location filename="../../ui/editors/messages.py" line="155"/>
        <source>a Unicode noncharacter</source>
        <translation>Unicode 非字符</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="74"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="77"/>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="78"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="79"/>
        <source>Company and currency</source>
        <translation>公司与币种</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="81"/>
        <source>Exchange rates</source>
        <translation>汇率</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="104"/>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="109"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="111"/>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="111"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="112"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="115"/>
        <source>Theme:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="116"/>
        <source>Remind me of decisions due soon at start-up</source>
        <translation>启动时提醒即将到期的决策</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="120"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="123"/>
        <source>Remind me of decisions within:</source>
        <translation>提醒以下天数内的决策：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="125"/>
        <source>No automatic backup</source>
        <translation>不自动备份</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="126"/>
        <location filename="../../ui/dialogs/settings_dialog.py" line="189"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="131"/>
        <source>Back up on close to:</source>
        <translation>关闭时备份到：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="142"/>
        <source>In use:</source>
        <translation>当前使用：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="144"/>
        <source>SQLite file, or postgresql://user@host/db</source>
        <translation>SQLite 文件，或 postgresql://user@host/db</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="145"/>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="150"/>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="160"/>
        <source>Leave empty to use the default personal database. A new file is created and set up when it does not exist yet. A PostgreSQL password is kept in the system keyring; without one, PostgreSQL reads it from ~/.pgpass or PGPASSWORD.</source>
        <translation>留空则使用默认的个人数据库。文件不存在时会自动创建并初始化。PostgreSQL 密码保存在系统密钥环中；没有密钥环时，PostgreSQL 从 ~/.pgpass 或 PGPASSWORD 读取。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="321"/>
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="154"/>
        <source>PostgreSQL only; kept in the system keyring, never in a settings file</source>
        <translation>仅用于 PostgreSQL；保存在系统密钥环中，从不写入设置文件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="156"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="248"/>
        <source>Press OK again to use the password for this session only.</source>
        <translation>再次按“确定”，仅在本次会话中使用该密码。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="180"/>
        <source>Company name:</source>
        <translation>公司名称：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="83"/>
        <source>Notifications</source>
        <translation>提醒通知</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="179"/>
        <source>As contracts name it</source>
        <translation>与合同中的名称一致</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="182"/>
        <source>Registered address, for agreement reports</source>
        <translation>注册地址，用于协议报告</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="183"/>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="185"/>
        <source>e.g. unified social credit code</source>
        <translation>例如统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="186"/>
        <source>Registration number:</source>
        <translation>注册号：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="188"/>
        <source>PNG or JPEG for report headers</source>
        <translation>用于报告页眉的 PNG 或 JPEG</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="194"/>
        <source>Logo:</source>
        <translation>标志：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="198"/>
        <source>Base currency:</source>
        <translation>本位币：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="215"/>
        <source>Choose a database file</source>
        <translation>选择数据库文件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="216"/>
        <source>PartnerDesk database (*.db *.sqlite);;All files (*)</source>
        <translation>PartnerDesk 数据库 (*.db *.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="224"/>
        <source>Choose a logo</source>
        <translation>选择标志</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="225"/>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>图片 (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="232"/>
        <source>Back up to</source>
        <translation>备份到</translation>
    </message>
</context>
<context>
    <name>SmallImport</name>
    <message>
        <location filename="../../ui/dialogs/small_import.py" line="57"/>
        <source>Another import is still running: wait for it to finish.</source>
        <translation>另一项导入仍在进行：请等它完成。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/small_import.py" line="103"/>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/small_import.py" line="122"/>
        <source>… and %1 more</source>
        <translation>……另有 %1 项</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/small_import.py" line="124"/>
        <source>Nothing was imported from %1:</source>
        <translation>未从 %1 导入任何数据：</translation>
    </message>
</context>
<context>
    <name>StaleRatesLabel</name>
    <message>
        <location filename="../../ui/widgets/stale_rates.py" line="43"/>
        <source>Old exchange rates: %1</source>
        <translation>汇率过旧：%1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/stale_rates.py" line="45"/>
        <source>%1 rate is %2 days old (%3, %4)</source>
        <translation>%1 汇率已有 %2 天未更新（%3，%4）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/stale_rates.py" line="53"/>
        <source>Click to bring the rates up to date in Settings.</source>
        <translation>点击在设置中更新汇率。</translation>
    </message>
</context>
<context>
    <name>StoresEditor</name>
    <message>
        <location filename="../../ui/dialogs/seller_stores.py" line="30"/>
        <source>Store name</source>
        <translation>店铺名称</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_stores.py" line="30"/>
        <source>Web address</source>
        <translation>网址</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_stores.py" line="30"/>
        <source>Shop id</source>
        <translation>店铺编号</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_stores.py" line="32"/>
        <source>Stores</source>
        <translation>店铺</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_stores.py" line="45"/>
        <source>Add store</source>
        <translation>添加店铺</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_stores.py" line="46"/>
        <source>Remove store</source>
        <translation>移除店铺</translation>
    </message>
</context>
<context>
    <name>TermsForm</name>
    <message>
        <location filename="../../ui/editors/terms_form.py" line="70"/>
        <source>Procurement (direct sales only)</source>
        <translation>采购条款（仅限直营）</translation>
    </message>
    <message>
        <location filename="../../ui/editors/terms_form.py" line="115"/>
        <source>One per line</source>
        <translation>每行一项</translation>
    </message>
    <message>
        <location filename="../../ui/editors/terms_form.py" line="126"/>
        <source>(choose)</source>
        <translation>（请选择）</translation>
    </message>
    <message>
        <location filename="../../ui/editors/terms_form.py" line="140"/>
        <source>e.g. USD, EUR, CNY</source>
        <translation>如 USD, EUR, CNY</translation>
    </message>
    <message>
        <location filename="../../ui/editors/terms_form.py" line="157"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <location filename="../../ui/undo.py" line="70"/>
        <source>Cannot undo or redo</source>
        <translation>无法撤销或重做</translation>
    </message>
    <message>
        <location filename="../../ui/undo.py" line="154"/>
        <source>“{action}” could not be applied: {reason}</source>
        <translation>无法执行“{action}”：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/undo.py" line="180"/>
        <source>Edit {ref}</source>
        <translation>编辑 {ref}</translation>
    </message>
    <message>
        <location filename="../../ui/undo.py" line="209"/>
        <source>Change {ref} to {status}</source>
        <translation>将 {ref} 的状态改为{status}</translation>
    </message>
    <message>
        <location filename="../../ui/undo.py" line="254"/>
        <source>Delete {ref}</source>
        <translation>删除 {ref}</translation>
    </message>
    <message>
        <location filename="../../ui/undo.py" line="278"/>
        <source>Create {ref}</source>
        <translation>新建 {ref}</translation>
    </message>
    <message>
        <location filename="../../ui/undo.py" line="312"/>
        <source>Edit partner {name}</source>
        <translation>编辑合作伙伴 {name}</translation>
    </message>
    <message>
        <location filename="../../ui/undo.py" line="337"/>
        <source>Create partner {name}</source>
        <translation>新建合作伙伴 {name}</translation>
    </message>
</context>
<context>
    <name>ViolationDialog</name>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="226"/>
        <source>Record a violation: %1</source>
        <translation>登记违规：%1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="228"/>
        <source>Edit a violation: %1</source>
        <translation>编辑违规：%1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="250"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="251"/>
        <source>Violation</source>
        <translation>违规类型</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="252"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="253"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="254"/>
        <source>Penalty</source>
        <translation>罚款</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="255"/>
        <source>Penalty currency</source>
        <translation>罚款币种</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="257"/>
        <source>Deducted from deposit (%1)</source>
        <translation>从保证金扣除（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/seller_dialogs.py" line="260"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <location filename="../../ui/worker.py" line="101"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
