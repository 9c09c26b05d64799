<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="72"/>
        <source>The counter cannot start</source>
        <extracomment>How long to wait for another copy of the app to let go of the ledger before saying so.</extracomment>
        <translation>カウンターを起動できません</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="250"/>
        <source>Unexpected error</source>
        <translation>予期しないエラー</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="251"/>
        <source>Something went wrong. The ledger is safe; entries saved so far are on disk.</source>
        <translation>問題が発生しました。台帳は無事です。これまでに保存した受付はディスクに記録されています。</translation>
    </message>
</context>
<context>
    <name>BookDialog</name>
    <message>
        <location filename="../../ui/book_dialog.py" line="78"/>
        <source>Choose where to save the file.</source>
        <translation>保存先を選んでください。</translation>
    </message>
    <message>
        <location filename="../../ui/book_dialog.py" line="90"/>
        <source>Making the PDF…</source>
        <translation>PDFを作成中…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/book_dialog.py" line="92"/>
        <source>Saved %n pages to {path}</source>
        <translation>
            <numerusform>{path} に %n ページを保存しました</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/book_dialog.py" line="117"/>
        <source>Printing…</source>
        <translation>印刷中…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/book_dialog.py" line="118"/>
        <source>Sent %n pages to the printer</source>
        <translation>
            <numerusform>プリンターに %n ページを送りました</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/book_dialog.py" line="123"/>
        <source>The first day is after the last one.</source>
        <translation>開始日が終了日より後になっています。</translation>
    </message>
    <message>
        <location filename="../../ui/book_dialog.py" line="152"/>
        <source>The book could not be made: {reason}</source>
        <translation>台帳を作成できませんでした: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/book_dialog.py" line="161"/>
        <source>The ledger on paper</source>
        <translation>台帳の印刷</translation>
    </message>
    <message>
        <location filename="../../ui/book_dialog.py" line="162"/>
        <source>Days</source>
        <translation>期間</translation>
    </message>
    <message>
        <location filename="../../ui/book_dialog.py" line="162"/>
        <source>Shop</source>
        <translation>店舗</translation>
    </message>
    <message>
        <location filename="../../ui/book_dialog.py" line="162"/>
        <source>PDF file</source>
        <translation>PDFファイル</translation>
    </message>
    <message>
        <location filename="../../ui/book_dialog.py" line="164"/>
        <source>Choose…</source>
        <translation>選択…</translation>
    </message>
    <message>
        <location filename="../../ui/book_dialog.py" line="165"/>
        <source>Save as PDF</source>
        <translation>PDFに保存</translation>
    </message>
    <message>
        <location filename="../../ui/book_dialog.py" line="166"/>
        <source>Print…</source>
        <translation>印刷…</translation>
    </message>
    <message>
        <location filename="../../ui/book_dialog.py" line="172"/>
        <source>The shop settings cannot be read; the header will say 未設定.</source>
        <translation>店舗設定を読み込めません。見出しは「未設定」になります。</translation>
    </message>
    <message>
        <location filename="../../ui/book_dialog.py" line="175"/>
        <source>The shop&apos;s name, address or licence number is not set; the header will say 未設定. Set them in the shop settings.</source>
        <translation>店名・所在地・古物商許可番号のいずれかが未設定です。見出しは「未設定」になります。店舗設定で設定してください。</translation>
    </message>
    <message>
        <location filename="../../ui/book_dialog.py" line="164"/>
        <source>Save the PDF file</source>
        <translation>PDFファイルの保存</translation>
    </message>
    <message>
        <location filename="../../ui/book_dialog.py" line="164"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDFファイル (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ConditionForm</name>
    <message>
        <location filename="../../ui/condition_form.py" line="118"/>
        <source>Condition</source>
        <translation>状態チェック</translation>
    </message>
    <message>
        <location filename="../../ui/condition_form.py" line="122"/>
        <location filename="../../ui/condition_form.py" line="178"/>
        <source>Yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <location filename="../../ui/condition_form.py" line="123"/>
        <location filename="../../ui/condition_form.py" line="178"/>
        <source>No</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <location filename="../../ui/condition_form.py" line="124"/>
        <source>Wear</source>
        <translation>使用感</translation>
    </message>
    <message>
        <location filename="../../ui/condition_form.py" line="125"/>
        <source>Cosmetic rank of an undamaged phone</source>
        <translation>損傷のない端末の外観ランク</translation>
    </message>
    <message>
        <location filename="../../ui/condition_form.py" line="129"/>
        <source>Ticket {number}: the customer&apos;s own answers are framed with a dashed line. They are declared, not checked: tap the answer you find.</source>
        <translation>受付 {number}: 点線の枠はお客様申告の答えです(未確認)。確認した答えをタップしてください。</translation>
    </message>
    <message>
        <location filename="../../ui/condition_form.py" line="133"/>
        <source>Callback number: {phone}</source>
        <translation>連絡先電話番号: {phone}</translation>
    </message>
    <message>
        <location filename="../../ui/condition_form.py" line="157"/>
        <source>said {answer}?</source>
        <translation>申告: {answer}(未確認)</translation>
    </message>
    <message>
        <location filename="../../ui/condition_form.py" line="167"/>
        <source>Checked; the customer declared {answer}</source>
        <translation>確認済み。お客様の申告は{answer}</translation>
    </message>
    <message>
        <location filename="../../ui/condition_form.py" line="146"/>
        <location filename="../../ui/condition_form.py" line="162"/>
        <source>not checked</source>
        <translation>未確認</translation>
    </message>
    <message>
        <location filename="../../ui/condition_form.py" line="158"/>
        <source>The customer declared {answer}; not checked yet</source>
        <translation>お客様の申告は{answer}。まだ確認していません</translation>
    </message>
    <message>
        <location filename="../../ui/condition_form.py" line="166"/>
        <source>✓ said {answer}</source>
        <translation>✓ 申告({answer})と異なる</translation>
    </message>
</context>
<context>
    <name>CounterView</name>
    <message>
        <location filename="../../ui/counter_view.py" line="239"/>
        <source>Plug a phone in with a USB cable.
Its card appears here as soon as it is connected.</source>
        <extracomment>The next spare form is built once no phone event has come for this long. Cards and their intake forms by key: the phone&apos;s serial, or &quot;correction:&lt;id&gt;&quot;. A form built ahead, in a quiet moment, for the next card that needs one. Facts of phones whose form is not built yet (no one has chosen their card). The shop&apos;s price table, when one was imported. Who works the counter this shift: filled into every new intake. A seller to carry to the next phone plugged in, when none was waiting.</extracomment>
        <translation>USBケーブルで端末を接続してください。
接続するとここにカードが表示されます。</translation>
    </message>
    <message>
        <location filename="../../ui/counter_view.py" line="241"/>
        <source>Intake without a cable…</source>
        <translation>ケーブルなしで受付…</translation>
    </message>
    <message>
        <location filename="../../ui/counter_view.py" line="242"/>
        <source>For a phone that cannot be read: pick the model, type or scan the IMEI</source>
        <translation>読み取れない端末の受付: 機種を選び、IMEIを入力またはスキャンします</translation>
    </message>
</context>
<context>
    <name>CustomerScreen</name>
    <message>
        <location filename="../../ui/customer/keypad.py" line="47"/>
        <source>Clear</source>
        <translation>クリア</translation>
    </message>
    <message>
        <location filename="../../ui/customer/keypad.py" line="48"/>
        <source>Delete</source>
        <translation>1字消す</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="84"/>
        <source>Back</source>
        <translation>戻る</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="86"/>
        <location filename="../../ui/customer/pages.py" line="369"/>
        <source>Next</source>
        <translation>次へ</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="169"/>
        <source>What are you selling?</source>
        <translation>お売りいただく端末をお選びください</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="171"/>
        <source>Android smartphone</source>
        <translation>Androidスマートフォン</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="173"/>
        <source>Something else (a tablet, a feature phone…)</source>
        <translation>その他(タブレット・携帯電話など)</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="215"/>
        <source>Question {number} of {count}</source>
        <extracomment>A customer who is not sure gives no answer: the checklist row stays for staff to find out.</extracomment>
        <translation>質問 {number} / {count}</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="218"/>
        <source>Does the phone turn on?</source>
        <translation>電源は入りますか?</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="219"/>
        <source>Is the screen cracked?</source>
        <translation>画面にひび割れはありますか?</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="220"/>
        <source>Is the back cracked?</source>
        <translation>背面(裏側)にひび割れはありますか?</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="221"/>
        <source>Has the phone been in water (dropped in water, soaked)?</source>
        <translation>水に濡れたこと(水没など)はありますか?</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="222"/>
        <source>Is the frame bent or dented?</source>
        <translation>本体に曲がりやへこみはありますか?</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="224"/>
        <source>Yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="225"/>
        <source>No</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="226"/>
        <source>Not sure</source>
        <translation>わからない</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="290"/>
        <source>Before you sell</source>
        <translation>お売りいただく前に</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="293"/>
        <source>Turn off Find My and sign out of your Apple ID</source>
        <translation>「探す」をオフにして、Apple IDからサインアウトしてください</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="294"/>
        <source>Settings → your name at the top → Sign Out. While Find My is on, Activation Lock keeps the next owner out, and we cannot buy the phone.</source>
        <translation>設定 → 一番上のお名前 → 「サインアウト」。「探す」がオンのままですとアクティベーションロックにより次の方が使えないため、買取ができません。</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="298"/>
        <source>Remove your Google account</source>
        <translation>Googleアカウントを削除してください</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="299"/>
        <source>Settings → Passwords &amp; accounts (or Accounts) → Google → Remove account. If the phone is reset with the account still on it, Factory Reset Protection (FRP) locks it, and we cannot buy it.</source>
        <translation>設定 → 「パスワードとアカウント」(または「アカウント」)→ Google → 「アカウントを削除」。アカウントを残したまま初期化すると、再設定保護(FRP)で端末がロックされ、買取ができません。</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="304"/>
        <source>Sign out of every account</source>
        <translation>すべてのアカウントからサインアウトしてください</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="305"/>
        <source>Remove the accounts on the device and turn off any lock or tracking, so that the next owner can set it up.</source>
        <translation>端末に登録したアカウントを削除し、ロックや位置情報の追跡をオフにしてください。次の方が設定できるようになります。</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="311"/>
        <source>Back up, then reset</source>
        <translation>バックアップしてから初期化してください</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="312"/>
        <source>Save your photos and data, then erase all content and settings. Not sure how? Our staff can do it with you at the counter.</source>
        <translation>写真やデータを保存してから、すべてのコンテンツと設定を消去してください。方法がわからない場合は、カウンターでスタッフと一緒に行えます。</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="315"/>
        <source>Why we check the network restriction</source>
        <translation>ネットワーク利用制限を確認する理由</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="316"/>
        <source>We look the phone&apos;s IMEI up on the carrier&apos;s website. Its mark decides what we can offer:</source>
        <translation>端末のIMEI(製造番号)を携帯電話会社のサイトで確認します。表示される記号によって、買取の条件が変わります。</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="319"/>
        <source>No restriction.</source>
        <translation>制限はありません。</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="320"/>
        <source>Instalments are still being paid. The phone may turn × later, so the price is lower.</source>
        <translation>分割払いが残っています。あとで×になることがあるため、減額での買取になります。</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="322"/>
        <source>Restricted: a “red ROM”. It cannot use a mobile network with any SIM, so we can buy it only as Wi-Fi only or for parts.</source>
        <translation>利用制限中です(いわゆる「赤ロム」)。どのSIMでもモバイル通信ができないため、Wi-Fi専用またはパーツ取りとしての買取になります。</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="325"/>
        <source>Not managed by that carrier: normal for a SIM-free phone.</source>
        <translation>その携帯電話会社では管理していない端末です。SIMフリー端末では通常の表示です。</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="359"/>
        <source>A phone number to call you back (optional)</source>
        <translation>お呼び出し用の電話番号(任意)</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="360"/>
        <source>We call you when the check is done. You may leave it empty: we will call out your ticket number.</source>
        <translation>査定が終わりましたらお電話します。入力しなくても、受付番号でお呼びします。</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="370"/>
        <source>Skip: no number</source>
        <translation>入力せずに次へ</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="372"/>
        <source>10 or 11 digits, starting with 0.</source>
        <translation>0から始まる10桁または11桁の番号を入力してください。</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="391"/>
        <source>Terms and privacy</source>
        <translation>ご利用条件と個人情報の取り扱い</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="393"/>
        <source>To sell, please show an ID document (such as a driving licence) at the counter, as the Secondhand Goods Business Act requires. If you are under 18, we also need your guardian&apos;s written consent.</source>
        <translation>買取の際は、古物営業法に基づき、カウンターで本人確認書類(運転免許証など)をご提示いただきます。18歳未満の方は、保護者の方の同意書も必要です。</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="396"/>
        <source>Your answers here are a guide. The price is set after our staff have checked the phone.</source>
        <translation>ここでのご回答は目安です。買取価格は、スタッフが端末を確認してから決まります。</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="398"/>
        <source>We use what you enter here only to check your phone and to call you. This screen keeps none of it once you have finished.</source>
        <translation>ここで入力された内容は、査定とご連絡のためだけに使います。受付が終わると、この画面には何も残りません。</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="401"/>
        <source>If you sell, the law requires us to record your name, address, occupation, date of birth and the kind of ID you showed in our purchase register. We keep them for 3 years, only our staff and the police may see them, and then we erase them. We never record a My Number or a health-insurance card number.</source>
        <translation>買取が成立した場合、法律(古物営業法)により、お名前・ご住所・ご職業・生年月日と、ご提示いただいた本人確認書類の種類を古物台帳に記録します。記録は3年間保管し、当店のスタッフと警察のみが閲覧でき、その後消去します。マイナンバー(個人番号)や健康保険証の番号は記録しません。</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="409"/>
        <source>Agree and get a ticket</source>
        <translation>同意して受付番号を受け取る</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="436"/>
        <source>Your ticket number</source>
        <translation>受付番号</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="437"/>
        <source>We will call this number. Please wait near the counter with your phone.</source>
        <translation>この番号でお呼びします。端末をお持ちになり、カウンター付近でお待ちください。</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="439"/>
        <source>Done</source>
        <translation>終了</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="495"/>
        <source>Too many wrong PINs. Please wait a minute.</source>
        <translation>PINの誤りが続いたため、1分ほどお待ちください。</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="497"/>
        <source>That PIN is not right.</source>
        <translation>PINが違います。</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="486"/>
        <source>Staff only</source>
        <translation>スタッフ専用</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="487"/>
        <source>Enter the staff PIN to close the customer screen.</source>
        <translation>画面を閉じるには、スタッフ用PINを入力してください。</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="488"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location filename="../../ui/customer/pages.py" line="489"/>
        <source>Close the customer screen</source>
        <translation>お客様画面を閉じる</translation>
    </message>
    <message>
        <location filename="../../ui/customer/window.py" line="252"/>
        <source>No one has touched the screen for a while. It goes back to the start in {seconds} s.</source>
        <extracomment>Wrong PINs in a row before the keypad rests, and for how long: guessing a PIN by touch becomes hopeless. The size of the window when the PC has no second screen for it (trying it out). The counter asked for a signature and has not had an answer yet. Where the window is shown (None: an ordinary window), kept for showing it again. Every page: the flow&apos;s, and those the flow does not lead to.</extracomment>
        <translation>しばらく操作がありません。{seconds}秒後に最初の画面に戻ります。</translation>
    </message>
    <message>
        <location filename="../../ui/customer/window.py" line="287"/>
        <source>Phone buyback check-in</source>
        <translation>スマートフォン買取 受付</translation>
    </message>
    <message>
        <location filename="../../ui/customer/window.py" line="288"/>
        <source>Start over</source>
        <translation>最初からやり直す</translation>
    </message>
    <message>
        <location filename="../../ui/customer/window.py" line="291"/>
        <source>Staff</source>
        <translation>スタッフ</translation>
    </message>
    <message>
        <location filename="../../ui/customer/window.py" line="292"/>
        <source>Continue</source>
        <translation>続ける</translation>
    </message>
    <message>
        <location filename="../../ui/customer/signature_page.py" line="204"/>
        <source>Your signature</source>
        <extracomment>A finger moves a pixel at a time; points closer than this add nothing to the line but bytes. The strokes reached the most points (or strokes) a signature may have; more drawing is not kept.</extracomment>
        <translation>ご署名</translation>
    </message>
    <message>
        <location filename="../../ui/customer/signature_page.py" line="206"/>
        <source>You sell: {phone}, for {price} yen</source>
        <translation>お売りいただく端末: {phone}、買取価格 {price}円</translation>
    </message>
    <message>
        <location filename="../../ui/customer/signature_page.py" line="210"/>
        <source>I declare that this phone is mine and was not stolen or obtained by any other unlawful means. I agree to the above and to the price, and I sell the phone to the shop. I have erased the data on the phone myself.</source>
        <translation>私は、上記の端末が私の所有物であり、盗品その他不正な手段により入手したものではないことを申告します。また、上記の内容と買取価格に同意し、当店に売却します。端末内のデータは私の責任で消去しました。</translation>
    </message>
    <message>
        <location filename="../../ui/customer/signature_page.py" line="214"/>
        <source>Do not sign here</source>
        <translation>ここでは署名しない</translation>
    </message>
    <message>
        <location filename="../../ui/customer/signature_page.py" line="215"/>
        <source>Clear and sign again</source>
        <translation>消して書き直す</translation>
    </message>
    <message>
        <location filename="../../ui/customer/signature_page.py" line="216"/>
        <source>Sign</source>
        <translation>この内容で署名する</translation>
    </message>
    <message>
        <location filename="../../ui/customer/signature_page.py" line="224"/>
        <source>The box is full. Tap “Clear and sign again” to start over, or “Sign” to keep it as it is.</source>
        <translation>枠がいっぱいです。「消して書き直す」で書き直すか、「この内容で署名する」でこのまま署名してください。</translation>
    </message>
    <message>
        <location filename="../../ui/customer/signature_page.py" line="228"/>
        <source>Sign inside the box with your finger. It is printed on your purchase statement.</source>
        <translation>枠の中に指で署名してください。署名は買取明細書に印刷されます。</translation>
    </message>
</context>
<context>
    <name>DayLog</name>
    <message>
        <location filename="../../ui/day_log.py" line="374"/>
        <source>The ledger could not be read: {reason}</source>
        <extracomment>Export the shown entries: (the entries or None for the whole days, first day, last day). Print the book of these days.</extracomment>
        <translation>台帳を読み込めませんでした: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="400"/>
        <source>Not yet reported to the police (suspected stolen): entries {numbers}. Report them, then record a correction with the report.</source>
        <translation>盗品等の疑いで警察に未申告の受付があります(台帳番号 {numbers})。申告してから、申告内容を入れた訂正を記録してください。</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="416"/>
        <source>Days</source>
        <translation>期間</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="417"/>
        <source>Search by a whole IMEI or serial number, or part of a name</source>
        <translation>IMEI・製造番号(全桁)または氏名の一部で検索</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="418"/>
        <source>Open</source>
        <translation>開く</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="419"/>
        <source>Export…</source>
        <translation>書き出し…</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="420"/>
        <source>Print…</source>
        <translation>印刷…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/day_log.py" line="426"/>
        <source>%n entries</source>
        <translation>
            <numerusform>%n 件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DayLogModel</name>
    <message>
        <location filename="../../ui/day_log.py" line="61"/>
        <source>No.</source>
        <extracomment>The column that takes the width left over.</extracomment>
        <translation>番号</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="62"/>
        <source>Recorded</source>
        <translation>記録日時</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="63"/>
        <source>Model</source>
        <translation>機種</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="64"/>
        <source>IMEI</source>
        <translation>IMEI</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="65"/>
        <source>Serial number</source>
        <translation>製造番号</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="66"/>
        <source>Restriction</source>
        <translation>制限</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="67"/>
        <source>Outcome</source>
        <translation>判定</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="68"/>
        <source>Price</source>
        <translation>買取価格</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="69"/>
        <source>Seller</source>
        <translation>売主</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="70"/>
        <source>Staff</source>
        <translation>担当者</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="71"/>
        <source>Corrects</source>
        <translation>訂正元</translation>
    </message>
</context>
<context>
    <name>DemoPanel</name>
    <message>
        <location filename="../../ui/demo.py" line="74"/>
        <source>Demo phones:</source>
        <extracomment>serial -&gt; (platform, profile) of each phone plugged in; changed on this thread only.</extracomment>
        <translation>デモ端末:</translation>
    </message>
    <message>
        <location filename="../../ui/demo.py" line="75"/>
        <source>Plug in</source>
        <translation>接続</translation>
    </message>
    <message>
        <location filename="../../ui/demo.py" line="76"/>
        <source>Unplug</source>
        <translation>取り外す</translation>
    </message>
</context>
<context>
    <name>DeviceCard</name>
    <message>
        <location filename="../../ui/device_card.py" line="123"/>
        <source>Read again</source>
        <extracomment>The last read failed outright (the hub logged why). Taken in without a cable: nothing is read, staff enter the facts.</extracomment>
        <translation>再読み取り</translation>
    </message>
    <message>
        <location filename="../../ui/device_card.py" line="124"/>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <location filename="../../ui/device_card.py" line="137"/>
        <source>Saved (entry {number})</source>
        <translation>保存しました(台帳番号 {number})</translation>
    </message>
    <message>
        <location filename="../../ui/device_card.py" line="151"/>
        <source>Correction of entry {number}</source>
        <translation>台帳番号 {number} の訂正</translation>
    </message>
    <message>
        <location filename="../../ui/device_card.py" line="153"/>
        <source>Phone without a cable</source>
        <translation>ケーブルなしの端末</translation>
    </message>
    <message>
        <location filename="../../ui/device_card.py" line="154"/>
        <source>{kind} being read</source>
        <translation>{kind}を読み取り中</translation>
    </message>
    <message>
        <location filename="../../ui/device_card.py" line="158"/>
        <source>Entered by hand</source>
        <translation>手入力</translation>
    </message>
    <message>
        <location filename="../../ui/device_card.py" line="162"/>
        <source>Unplugged</source>
        <translation>取り外されました</translation>
    </message>
    <message>
        <location filename="../../ui/device_card.py" line="166"/>
        <source>Reading…</source>
        <translation>読み取り中…</translation>
    </message>
    <message>
        <location filename="../../ui/device_card.py" line="168"/>
        <source>Keep the cable plugged in.</source>
        <translation>ケーブルを抜かないでください。</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <location filename="../../ui/day_log.py" line="172"/>
        <source>Entry {number}</source>
        <translation>台帳番号 {number}</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="174"/>
        <source>Recorded</source>
        <translation>記録日時</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="174"/>
        <source>Phone</source>
        <translation>端末</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="174"/>
        <source>IMEI / serial</source>
        <translation>IMEI / 製造番号</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="175"/>
        <source>Network restriction</source>
        <translation>ネットワーク利用制限</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="175"/>
        <source>Outcome</source>
        <translation>判定</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="175"/>
        <source>Price</source>
        <translation>買取価格</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="176"/>
        <source>Seller</source>
        <translation>売主</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="176"/>
        <source>ID check</source>
        <translation>本人確認</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="176"/>
        <source>Guardian&apos;s consent</source>
        <translation>保護者の同意</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="176"/>
        <source>Signature</source>
        <translation>署名</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="177"/>
        <source>Staff</source>
        <translation>担当者</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="177"/>
        <source>Police report</source>
        <translation>警察への申告</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="177"/>
        <source>Reasons</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="217"/>
        <source>Print the statement again</source>
        <translation>明細書を再印刷</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="221"/>
        <source>no purchase</source>
        <translation>買取なし</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="224"/>
        <source>{price} (not the table&apos;s price: {reason})</source>
        <translation>{price}(価格表と異なる理由: {reason})</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="244"/>
        <source>signed on the customer screen</source>
        <translation>お客様画面で署名済み</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="245"/>
        <source>not signed on the customer screen (the printed statement is signed on paper)</source>
        <translation>お客様画面での署名なし(印刷した明細書に手書きで署名)</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="260"/>
        <source>not checked</source>
        <translation>未確認</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="271"/>
        <source>not yet reported: report it to the police</source>
        <translation>未申告: 警察に申告してください</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="215"/>
        <location filename="../../ui/day_log.py" line="240"/>
        <location filename="../../ui/day_log.py" line="249"/>
        <location filename="../../ui/day_log.py" line="271"/>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="206"/>
        <source>(corrects entry {number})</source>
        <translation>(台帳番号 {number} の訂正)</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="207"/>
        <source>Corrections of this entry</source>
        <translation>この受付の訂正</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="211"/>
        <source>Entry {number}, {time}: {outcome}</source>
        <translation>台帳番号 {number}、{time}: {outcome}</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="216"/>
        <source>Correct this entry…</source>
        <translation>この受付を訂正…</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="233"/>
        <source>not entered</source>
        <translation>未入力</translation>
    </message>
    <message>
        <location filename="../../ui/day_log.py" line="234"/>
        <source>{name} ({age}, {occupation})
{address}</source>
        <translation>{name}({age}、{occupation})
{address}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/day_log.py" line="235"/>
        <source>Age %n</source>
        <translation>
            <numerusform>%n 歳</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ui/export_dialog.py" line="92"/>
        <source>Choose where to save the file.</source>
        <extracomment>Report progress every this many entries: often enough to move, rarely enough to cost nothing. A search result to export instead of the days chosen (see :meth:`export_entries`).</extracomment>
        <translation>保存先を選んでください。</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="95"/>
        <source>The first day is after the last one.</source>
        <translation>開始日が終了日より後になっています。</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="104"/>
        <source>Exporting…</source>
        <translation>書き出し中…</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="118"/>
        <source>Export the ledger</source>
        <translation>台帳の書き出し</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="119"/>
        <source>Encoding</source>
        <translation>文字コード</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="119"/>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="119"/>
        <source>Days</source>
        <translation>期間</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/export_dialog.py" line="122"/>
        <source>the %n entries found</source>
        <translation>
            <numerusform>検索結果の %n 件</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="123"/>
        <source>UTF-8 with BOM (Excel, recommended)</source>
        <translation>UTF-8 BOM付き(Excel向け・推奨)</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="124"/>
        <source>Shift_JIS (cp932, older software)</source>
        <translation>Shift_JIS(cp932、古いソフト向け)</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="125"/>
        <source>Choose…</source>
        <translation>選択…</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="126"/>
        <source>Export</source>
        <translation>書き出し</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/export_dialog.py" line="144"/>
        <source>Exported %n entries to {path}</source>
        <translation>
            <numerusform>%n 件を {path} に書き出しました</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="151"/>
        <source>The export failed: {reason}</source>
        <translation>書き出しに失敗しました: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="125"/>
        <source>Save the CSV file</source>
        <translation>CSVファイルの保存</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="125"/>
        <source>CSV files (*.csv)</source>
        <translation>CSVファイル (*.csv)</translation>
    </message>
</context>
<context>
    <name>FactsView</name>
    <message>
        <location filename="../../ui/facts_view.py" line="103"/>
        <source>Phone</source>
        <translation>端末</translation>
    </message>
    <message>
        <location filename="../../ui/facts_view.py" line="105"/>
        <source>Model</source>
        <translation>機種</translation>
    </message>
    <message>
        <location filename="../../ui/facts_view.py" line="106"/>
        <source>OS version</source>
        <translation>OSバージョン</translation>
    </message>
    <message>
        <location filename="../../ui/facts_view.py" line="107"/>
        <source>Serial number</source>
        <translation>製造番号</translation>
    </message>
    <message>
        <location filename="../../ui/facts_view.py" line="108"/>
        <source>IMEI</source>
        <translation>IMEI</translation>
    </message>
    <message>
        <location filename="../../ui/facts_view.py" line="109"/>
        <source>Battery health</source>
        <translation>バッテリー最大容量</translation>
    </message>
    <message>
        <location filename="../../ui/facts_view.py" line="113"/>
        <source>Lock removal watched at the counter</source>
        <translation>ロック解除を目の前で確認した</translation>
    </message>
    <message>
        <location filename="../../ui/facts_view.py" line="114"/>
        <source>Battery health in Settings</source>
        <translation>設定画面の最大容量</translation>
    </message>
    <message>
        <location filename="../../ui/facts_view.py" line="115"/>
        <source>Only when the phone did not report it</source>
        <translation>端末から読み取れなかった場合のみ</translation>
    </message>
    <message>
        <location filename="../../ui/facts_view.py" line="116"/>
        <source>The customer turned off Find My / removed the Google account in front of you</source>
        <translation>お客様が目の前で「探す」をオフにした/Googleアカウントを削除した</translation>
    </message>
    <message>
        <location filename="../../ui/facts_view.py" line="117"/>
        <source>Colour</source>
        <translation>色</translation>
    </message>
    <message>
        <location filename="../../ui/facts_view.py" line="118"/>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <location filename="../../ui/facts_view.py" line="124"/>
        <source>Lock</source>
        <translation>ロック</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/facts_view.py" line="156"/>
        <source>%n charge cycle(s)</source>
        <translation>
            <numerusform>充電回数 %n 回</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GradePanel</name>
    <message>
        <location filename="../../ui/grade_panel.py" line="52"/>
        <location filename="../../ui/grade_panel.py" line="256"/>
        <source>Not finished</source>
        <extracomment>The colour of each reason&apos;s bullet: the outcome its rule alone allows. Lines of the save status kept free, so a message never moves the buttons.
----------
The phone&apos;s earlier intakes in one line; a click opens the list.</extracomment>
        <translation>入力途中</translation>
    </message>
    <message>
        <location filename="../../ui/grade_panel.py" line="289"/>
        <source>Earlier intakes: being read…</source>
        <translation>過去の受付: 確認中…</translation>
    </message>
    <message>
        <location filename="../../ui/grade_panel.py" line="290"/>
        <source>Earlier intakes: none</source>
        <translation>過去の受付: なし</translation>
    </message>
    <message>
        <location filename="../../ui/grade_panel.py" line="299"/>
        <source>{count} held</source>
        <translation>要確認{count}</translation>
    </message>
    <message>
        <location filename="../../ui/grade_panel.py" line="301"/>
        <source>{count} suspected</source>
        <translation>盗品の疑い{count}</translation>
    </message>
    <message>
        <location filename="../../ui/grade_panel.py" line="302"/>
        <source>Earlier intakes: {count}</source>
        <translation>過去の受付: {count}件</translation>
    </message>
    <message>
        <location filename="../../ui/grade_panel.py" line="304"/>
        <source>{summary} ({notes})</source>
        <translation>{summary}(うち{notes})</translation>
    </message>
    <message>
        <location filename="../../ui/grade_panel.py" line="304"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../ui/grade_panel.py" line="314"/>
        <source>reported to {station}</source>
        <translation>{station}に申告済み</translation>
    </message>
    <message>
        <location filename="../../ui/grade_panel.py" line="315"/>
        <source>suspected, not yet reported</source>
        <translation>盗品等の疑い・未申告</translation>
    </message>
    <message>
        <location filename="../../ui/grade_panel.py" line="317"/>
        <source>No. {number}</source>
        <translation>台帳番号 {number}</translation>
    </message>
    <message>
        <location filename="../../ui/grade_panel.py" line="324"/>
        <source>This phone&apos;s earlier intakes (same IMEI or serial number); click to show the list</source>
        <translation>この端末(同じIMEIまたは製造番号)の過去の受付。クリックで一覧を開きます</translation>
    </message>
    <message>
        <location filename="../../ui/grade_panel.py" line="342"/>
        <source>Saving…</source>
        <translation>保存中…</translation>
    </message>
    <message>
        <location filename="../../ui/grade_panel.py" line="346"/>
        <source>Saved (entry {number})</source>
        <translation>保存しました(台帳番号 {number})</translation>
    </message>
    <message>
        <location filename="../../ui/grade_panel.py" line="363"/>
        <source>Reasons</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../ui/grade_panel.py" line="364"/>
        <source>Staff</source>
        <translation>担当者</translation>
    </message>
    <message>
        <location filename="../../ui/grade_panel.py" line="365"/>
        <source>Same seller, next phone</source>
        <translation>同じ売主で次の端末</translation>
    </message>
    <message>
        <location filename="../../ui/grade_panel.py" line="366"/>
        <source>Print the purchase statement</source>
        <translation>買取明細書を印刷</translation>
    </message>
    <message>
        <location filename="../../ui/grade_panel.py" line="367"/>
        <source>Copy this seller and ID check to the next phone</source>
        <translation>この売主と本人確認を次の端末にコピーします</translation>
    </message>
    <message>
        <location filename="../../ui/grade_panel.py" line="368"/>
        <source>Confirm and record ({shortcut})</source>
        <translation>確定して記録 ({shortcut})</translation>
    </message>
    <message>
        <location filename="../../ui/grade_panel.py" line="381"/>
        <source>Rank: {rank}</source>
        <translation>ランク: {rank}</translation>
    </message>
    <message>
        <location filename="../../ui/grade_panel.py" line="381"/>
        <source>not decided (checklist unfinished)</source>
        <translation>未決定(状態チェック未完了)</translation>
    </message>
</context>
<context>
    <name>HotlistPage</name>
    <message>
        <location filename="../../ui/hotlist_page.py" line="96"/>
        <location filename="../../ui/hotlist_page.py" line="132"/>
        <source>The notice was not added: {reason}</source>
        <extracomment>The register or a notice&apos;s matches were shown (what the ledger worker last answered).</extracomment>
        <translation>品触れを登録できませんでした: {reason}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/hotlist_page.py" line="122"/>
        <source>Notice added. %n purchases of the last 6 months match it: report them to the police at once.</source>
        <translation>
            <numerusform>登録しました。過去6か月の買受のうち %n 件が該当します。直ちに警察へ報告してください。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/hotlist_page.py" line="125"/>
        <source>Notice added. No purchase of the last 6 months matches it; every intake is checked against it until {day}.</source>
        <translation>登録しました。過去6か月の買受に該当はありません。{day} まですべての受付をこの品触れと照合します。</translation>
    </message>
    <message>
        <location filename="../../ui/hotlist_page.py" line="146"/>
        <source>active until {day}</source>
        <translation>{day} まで照合</translation>
    </message>
    <message>
        <location filename="../../ui/hotlist_page.py" line="147"/>
        <source>expired on {day}</source>
        <translation>{day} に照合期間終了</translation>
    </message>
    <message>
        <location filename="../../ui/hotlist_page.py" line="169"/>
        <location filename="../../ui/hotlist_page.py" line="206"/>
        <source>Match</source>
        <translation>該当</translation>
    </message>
    <message>
        <location filename="../../ui/hotlist_page.py" line="169"/>
        <source>Possible match</source>
        <translation>該当の可能性</translation>
    </message>
    <message>
        <location filename="../../ui/hotlist_page.py" line="184"/>
        <source>Copied what to report to the clipboard.</source>
        <translation>報告内容をクリップボードにコピーしました。</translation>
    </message>
    <message>
        <location filename="../../ui/hotlist_page.py" line="189"/>
        <source>New notice (品触れ)</source>
        <translation>品触れの登録</translation>
    </message>
    <message>
        <location filename="../../ui/hotlist_page.py" line="190"/>
        <source>Notices received</source>
        <translation>受理した品触れ</translation>
    </message>
    <message>
        <location filename="../../ui/hotlist_page.py" line="191"/>
        <source>Purchases of the last 6 months that the notice names</source>
        <translation>品触れに該当する過去6か月の買受</translation>
    </message>
    <message>
        <location filename="../../ui/hotlist_page.py" line="193"/>
        <location filename="../../ui/hotlist_page.py" line="202"/>
        <source>Received on</source>
        <translation>受理日</translation>
    </message>
    <message>
        <location filename="../../ui/hotlist_page.py" line="193"/>
        <location filename="../../ui/hotlist_page.py" line="202"/>
        <source>Police station</source>
        <translation>警察署</translation>
    </message>
    <message>
        <location filename="../../ui/hotlist_page.py" line="193"/>
        <location filename="../../ui/hotlist_page.py" line="202"/>
        <source>Notice number</source>
        <translation>品触れ番号</translation>
    </message>
    <message>
        <location filename="../../ui/hotlist_page.py" line="194"/>
        <source>IMEIs (paste a list)</source>
        <translation>IMEI(一覧を貼り付け)</translation>
    </message>
    <message>
        <location filename="../../ui/hotlist_page.py" line="194"/>
        <source>Serial numbers (paste a list)</source>
        <translation>製造番号(一覧を貼り付け)</translation>
    </message>
    <message>
        <location filename="../../ui/hotlist_page.py" line="194"/>
        <location filename="../../ui/hotlist_page.py" line="206"/>
        <source>Model</source>
        <translation>機種</translation>
    </message>
    <message>
        <location filename="../../ui/hotlist_page.py" line="195"/>
        <source>Colour</source>
        <translation>色</translation>
    </message>
    <message>
        <location filename="../../ui/hotlist_page.py" line="195"/>
        <source>Features</source>
        <translation>特徴</translation>
    </message>
    <message>
        <location filename="../../ui/hotlist_page.py" line="198"/>
        <source>One per line, or separated by spaces or commas</source>
        <translation>1行に1件、または空白・カンマ区切り</translation>
    </message>
    <message>
        <location filename="../../ui/hotlist_page.py" line="199"/>
        <source>Add the notice and check the purchases</source>
        <translation>登録して買受と照合</translation>
    </message>
    <message>
        <location filename="../../ui/hotlist_page.py" line="200"/>
        <source>Copy what to report</source>
        <translation>報告内容をコピー</translation>
    </message>
    <message>
        <location filename="../../ui/hotlist_page.py" line="202"/>
        <source>No.</source>
        <translation>番号</translation>
    </message>
    <message>
        <location filename="../../ui/hotlist_page.py" line="203"/>
        <source>Items</source>
        <translation>品目数</translation>
    </message>
    <message>
        <location filename="../../ui/hotlist_page.py" line="203"/>
        <source>Checked</source>
        <translation>照合</translation>
    </message>
    <message>
        <location filename="../../ui/hotlist_page.py" line="206"/>
        <source>Entry</source>
        <translation>台帳番号</translation>
    </message>
    <message>
        <location filename="../../ui/hotlist_page.py" line="206"/>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <location filename="../../ui/hotlist_page.py" line="206"/>
        <source>IMEI</source>
        <translation>IMEI</translation>
    </message>
    <message>
        <location filename="../../ui/hotlist_page.py" line="207"/>
        <source>What to report</source>
        <translation>報告内容</translation>
    </message>
</context>
<context>
    <name>IntakeEditor</name>
    <message>
        <location filename="../../ui/intake_editor.py" line="207"/>
        <source>The ledger could not be read: {reason}</source>
        <extracomment>The phone&apos;s facts with what staff entered by hand. The active 品触れ items this phone matches, read with its history. Staff have entered something since the form was filled from the phone or the ledger. The seller&apos;s signature from the customer screen, and the price it was given for.</extracomment>
        <translation>台帳を読み込めませんでした: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/intake_editor.py" line="220"/>
        <source>The next phone plugged in gets this seller.</source>
        <translation>次に接続した端末にこの売主を入力します。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_editor.py" line="282"/>
        <location filename="../../ui/intake_editor.py" line="304"/>
        <source>Choose the model from the catalogue first.</source>
        <translation>先にカタログから機種を選んでください。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_editor.py" line="307"/>
        <source>The phone has not been read yet.</source>
        <translation>端末がまだ読み取れていません。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_editor.py" line="310"/>
        <source>Price: type whole yen, e.g. 8000.</source>
        <translation>買取価格: 円を整数で入力してください(例: 8000)。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_editor.py" line="314"/>
        <source>Enter why the price differs from the table.</source>
        <translation>表の価格と違う理由を入力してください。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_editor.py" line="318"/>
        <source>The price changed after the seller signed: ask for the signature again.</source>
        <translation>署名の後で買取価格が変わりました。もう一度署名を依頼してください。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_editor.py" line="322"/>
        <source>Enter your name before recording.</source>
        <translation>記録する前に担当者名を入力してください。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_editor.py" line="326"/>
        <source>The phone&apos;s history is still being read from the ledger; confirm again in a moment.</source>
        <translation>この端末の受付履歴を台帳から読み込み中です。少し待ってからもう一度確定してください。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_editor.py" line="339"/>
        <source>IMEI</source>
        <translation>IMEI</translation>
    </message>
    <message>
        <location filename="../../ui/intake_editor.py" line="341"/>
        <source>seller&apos;s details</source>
        <translation>売主の情報</translation>
    </message>
    <message>
        <location filename="../../ui/intake_editor.py" line="349"/>
        <source>Record anyway?</source>
        <translation>このまま記録しますか?</translation>
    </message>
    <message>
        <location filename="../../ui/intake_editor.py" line="350"/>
        <source>This entry would be recorded without: {missing}. Entries cannot be deleted; record it anyway?</source>
        <translation>次の項目がないまま記録されます: {missing}。台帳の記録は削除できません。このまま記録しますか?</translation>
    </message>
    <message>
        <location filename="../../ui/intake_editor.py" line="351"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../ui/intake_editor.py" line="352"/>
        <source>Record anyway</source>
        <translation>このまま記録</translation>
    </message>
    <message>
        <location filename="../../ui/intake_editor.py" line="387"/>
        <source>Not saved: {reason}</source>
        <translation>保存できませんでした: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/intake_editor.py" line="423"/>
        <source>This phone was unplugged. What you entered is kept; plug it in again to read it again.</source>
        <translation>この端末は取り外されました。入力内容は保持されています。再度接続すると読み取り直します。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_editor.py" line="427"/>
        <source>Correction of entry {number}: recording adds a new entry that points at it; the original stays as it is.</source>
        <translation>台帳番号 {number} の訂正です。記録すると元の記録を指す新しい記録が追加され、元の記録はそのまま残ります。</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/labels.py" line="42"/>
        <source>Read</source>
        <translation>読み取り完了</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="43"/>
        <source>Not allowed yet</source>
        <translation>未許可</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="44"/>
        <source>Waiting for Trust</source>
        <translation>「信頼」待ち</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="45"/>
        <source>Trust was refused</source>
        <translation>「信頼しない」が選ばれました</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="46"/>
        <source>Locked with a passcode</source>
        <translation>パスコードでロック中</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="47"/>
        <source>Not answering</source>
        <translation>応答なし</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="48"/>
        <source>Could not be read</source>
        <translation>読み取り失敗</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="58"/>
        <source>Unlock the iPhone and tap “Trust”.</source>
        <translation>iPhoneのロックを解除して「信頼」をタップしてください</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="60"/>
        <source>Unlock the phone and tap “Allow” on the USB debugging prompt.</source>
        <translation>端末のロックを解除し、「USBデバッグを許可しますか?」で「許可」をタップしてください</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="62"/>
        <source>“Don&apos;t Trust” was chosen. Unplug the cable, plug it in again and tap “Trust”.</source>
        <translation>「信頼しない」が選ばれました。ケーブルを抜き差しして「信頼」をタップしてください</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="64"/>
        <source>Ask the customer to unlock the iPhone with the passcode.</source>
        <translation>お客様にパスコードでiPhoneのロックを解除していただいてください</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="66"/>
        <source>Unplug the cable and plug it in again.</source>
        <translation>ケーブルを抜き差ししてください</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="67"/>
        <source>Read the phone again; if it fails again, restart the phone.</source>
        <translation>もう一度読み取ってください。再び失敗する場合は端末を再起動してください</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="72"/>
        <source>On: must be removed</source>
        <translation>オン: 解除が必要</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="72"/>
        <source>Google account present: must be removed</source>
        <translation>Googleアカウントあり: 削除が必要</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="74"/>
        <source>Off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="80"/>
        <source>Unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="84"/>
        <source>Activation Lock</source>
        <translation>アクティベーションロック</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="84"/>
        <source>Google account (FRP)</source>
        <translation>Googleアカウント(FRP)</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="89"/>
        <source>not read</source>
        <translation>未読取</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="91"/>
        <source>phone</source>
        <translation>端末</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="92"/>
        <source>staff</source>
        <translation>スタッフ</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="93"/>
        <source>carrier</source>
        <translation>キャリア</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="99"/>
        <source>docomo</source>
        <translation>ドコモ</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="100"/>
        <source>au / UQ mobile</source>
        <translation>au / UQモバイル</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="101"/>
        <source>SoftBank / Y!mobile</source>
        <translation>ソフトバンク / ワイモバイル</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="102"/>
        <source>Rakuten Mobile</source>
        <translation>楽天モバイル</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="103"/>
        <source>mineo</source>
        <translation>mineo(マイネオ)</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="109"/>
        <source>No restriction</source>
        <translation>制限なし</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="110"/>
        <source>Instalments running</source>
        <translation>分割支払い中</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="111"/>
        <source>Restricted (red ROM)</source>
        <translation>利用制限あり(赤ロム)</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="112"/>
        <source>Not managed by this carrier</source>
        <translation>対象外</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="124"/>
        <source>Came along</source>
        <translation>同伴</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="125"/>
        <source>Consent form</source>
        <translation>同意書</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="126"/>
        <source>Confirmed by phone</source>
        <translation>電話確認</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="132"/>
        <source>S: like new</source>
        <translation>S: 新品同様</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="133"/>
        <source>A: light wear</source>
        <translation>A: 使用感少</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="134"/>
        <source>B: visible wear</source>
        <translation>B: 使用感あり</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="141"/>
        <source>Powers on</source>
        <translation>電源が入る</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="142"/>
        <source>Screen cracked</source>
        <translation>画面割れ</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="143"/>
        <source>Back glass cracked</source>
        <translation>背面ガラス割れ</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="144"/>
        <source>Frame bent</source>
        <translation>フレーム曲がり</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="145"/>
        <source>Water damage</source>
        <translation>水没</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="146"/>
        <source>Battery swollen</source>
        <translation>バッテリー膨張</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="155"/>
        <source>Other device</source>
        <translation>その他の端末</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="312"/>
        <source>Buyback counter</source>
        <translation>買取受付カウンター</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="320"/>
        <source>Counter</source>
        <translation>カウンター</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="321"/>
        <source>Ledger search</source>
        <translation>台帳検索</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="322"/>
        <source>Stolen-goods notices (品触れ)</source>
        <translation>品触れ</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="323"/>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="324"/>
        <source>&amp;Intake</source>
        <translation>受付(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="325"/>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="326"/>
        <source>Tools</source>
        <translation>ツール</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="327"/>
        <source>Export…</source>
        <translation>書き出し…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="328"/>
        <source>Print the ledger…</source>
        <translation>台帳を印刷…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="251"/>
        <location filename="../../ui/main_window.py" line="329"/>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="157"/>
        <source>No staff list yet: add the names in the shop settings.</source>
        <translation>スタッフが登録されていません。店舗設定で名前を追加してください。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="197"/>
        <source>The price table cannot be used: {reason}</source>
        <translation>買取価格表を使えません: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="200"/>
        <location filename="../../ui/main_window.py" line="213"/>
        <source>Import a price table</source>
        <translation>買取価格表の取り込み</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="201"/>
        <source>Price tables (*.csv *.xlsx)</source>
        <translation>買取価格表 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="214"/>
        <source>The price table was not imported: {reason}</source>
        <translation>買取価格表を取り込めませんでした: {reason}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="220"/>
        <source>Price table {version} imported: %n row(s)</source>
        <translation>
            <numerusform>買取価格表 {version} を取り込みました: %n 行</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="82"/>
        <source>The statement could not be written: {reason}</source>
        <extracomment>Who works the counter this shift (chosen from the settings&apos; staff list).</extracomment>
        <translation>明細書を書き出せませんでした: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="234"/>
        <source>No PDF viewer opened. The statement is in {path}.</source>
        <translation>PDFビューアーが開きませんでした。明細書は {path} にあります。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="237"/>
        <source>The statement lacks the shop&apos;s {fields}: fill them in the shop settings.</source>
        <translation>明細書に店舗の {fields} がありません。店舗設定で入力してください。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="251"/>
        <source>%n intake(s) not saved. Quit and lose what was entered?</source>
        <translation>
            <numerusform>保存していない受付が%n件あります。入力した内容を破棄して終了しますか?</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="252"/>
        <source>Quit without saving</source>
        <translation>保存せずに終了</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="315"/>
        <source>Buyback counter — staff: {name}</source>
        <translation>買取受付カウンター — 担当: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="317"/>
        <source>Shop settings…</source>
        <translation>店舗設定…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="318"/>
        <source>Import a price table…</source>
        <translation>買取価格表を取り込む…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="319"/>
        <source>Change staff…</source>
        <translation>担当者を変更…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="319"/>
        <source>Choose staff…</source>
        <translation>担当者を選ぶ…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="332"/>
        <source>Open the carrier&apos;s check page</source>
        <translation>キャリアの確認ページを開く</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="333"/>
        <source>Intake without a cable…</source>
        <translation>ケーブルなしで受付…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="334"/>
        <source>Confirm and record</source>
        <translation>確定して記録</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="357"/>
        <source>{kind} phones cannot be read. Restart the app; if it happens again, see the log.</source>
        <translation>{kind}を読み取れません。アプリを再起動してください。再び起きるときはログを確認してください。</translation>
    </message>
</context>
<context>
    <name>ManualFacts</name>
    <message>
        <location filename="../../ui/manual_facts.py" line="97"/>
        <source>Entered by staff (the phone could not tell)</source>
        <translation>スタッフ入力(端末から読めない項目)</translation>
    </message>
    <message>
        <location filename="../../ui/manual_facts.py" line="98"/>
        <source>Model</source>
        <translation>機種</translation>
    </message>
    <message>
        <location filename="../../ui/manual_facts.py" line="98"/>
        <source>IMEI 1</source>
        <translation>IMEI 1</translation>
    </message>
    <message>
        <location filename="../../ui/manual_facts.py" line="98"/>
        <source>IMEI 2</source>
        <translation>IMEI 2</translation>
    </message>
    <message>
        <location filename="../../ui/manual_facts.py" line="99"/>
        <source>Serial number</source>
        <translation>シリアル番号</translation>
    </message>
    <message>
        <location filename="../../ui/manual_facts.py" line="101"/>
        <source>Search by name or model code</source>
        <translation>機種名または型番で検索</translation>
    </message>
    <message>
        <location filename="../../ui/manual_facts.py" line="102"/>
        <source>Type or scan (15 digits)</source>
        <translation>入力またはスキャン(15桁)</translation>
    </message>
    <message>
        <location filename="../../ui/manual_facts.py" line="103"/>
        <source>Dual-SIM phones only</source>
        <translation>デュアルSIM端末のみ</translation>
    </message>
    <message>
        <location filename="../../ui/manual_facts.py" line="111"/>
        <source>No model chosen</source>
        <translation>機種が選ばれていません</translation>
    </message>
    <message>
        <location filename="../../ui/manual_facts.py" line="124"/>
        <source>No model matches “{text}”</source>
        <translation>「{text}」に一致する機種はありません</translation>
    </message>
    <message>
        <location filename="../../ui/manual_facts.py" line="150"/>
        <source>Not a valid IMEI in IMEI {number}: {text} (it must be 15 digits with a correct check digit). Type or scan it again.</source>
        <translation>IMEI {number} の {text} は正しいIMEIではありません(15桁・チェックディジット)。入力またはスキャンし直してください。</translation>
    </message>
</context>
<context>
    <name>MarkEntry</name>
    <message>
        <location filename="../../ui/mark_entry.py" line="133"/>
        <source>Copied IMEI {imei}. Paste it into the check page.</source>
        <extracomment>The window&apos;s shortcuts for the marks, in this order (see MainWindow). Which IMEI goes on the clipboard: a dual-SIM phone has two, each checked on its own.</extracomment>
        <translation>IMEI {imei} をコピーしました。確認ページに貼り付けてください。</translation>
    </message>
    <message>
        <location filename="../../ui/mark_entry.py" line="136"/>
        <source>The browser could not be opened. Open {url} yourself; IMEI {imei} is copied.</source>
        <translation>ブラウザを開けませんでした。{url} を開いてください。IMEI {imei} はコピー済みです。</translation>
    </message>
    <message>
        <location filename="../../ui/mark_entry.py" line="146"/>
        <source>Network restriction</source>
        <translation>ネットワーク利用制限</translation>
    </message>
    <message>
        <location filename="../../ui/mark_entry.py" line="147"/>
        <source>Carrier</source>
        <translation>通信会社</translation>
    </message>
    <message>
        <location filename="../../ui/mark_entry.py" line="148"/>
        <source>Mark</source>
        <translation>判定</translation>
    </message>
    <message>
        <location filename="../../ui/mark_entry.py" line="149"/>
        <source>Choose the carrier that sold it</source>
        <translation>販売元を選択</translation>
    </message>
    <message>
        <location filename="../../ui/mark_entry.py" line="152"/>
        <source>Bought SIM-free (ー is normal)</source>
        <translation>SIMフリーで購入(「ー」は正常)</translation>
    </message>
    <message>
        <location filename="../../ui/mark_entry.py" line="153"/>
        <source>Open the check page</source>
        <translation>確認ページを開く</translation>
    </message>
    <message>
        <location filename="../../ui/mark_entry.py" line="165"/>
        <source>Guessed from the model code: {carrier}</source>
        <translation>型番から推定: {carrier}</translation>
    </message>
    <message>
        <location filename="../../ui/mark_entry.py" line="171"/>
        <source>Not entered yet</source>
        <translation>未入力</translation>
    </message>
</context>
<context>
    <name>PoliceReportBox</name>
    <message>
        <location filename="../../ui/grade_panel.py" line="99"/>
        <source>Reported to the police</source>
        <translation>警察に申告した</translation>
    </message>
    <message>
        <location filename="../../ui/grade_panel.py" line="100"/>
        <source>When</source>
        <translation>日時</translation>
    </message>
    <message>
        <location filename="../../ui/grade_panel.py" line="101"/>
        <source>Police station</source>
        <translation>警察署</translation>
    </message>
</context>
<context>
    <name>PriceBox</name>
    <message>
        <location filename="../../ui/price_box.py" line="120"/>
        <source>Price</source>
        <extracomment>Lines of text the suggestion&apos;s area shows without scrolling: the price, its breakdown, the deductions. The price this box last filled in from the table (a different value was typed or set).</extracomment>
        <translation>買取価格</translation>
    </message>
    <message>
        <location filename="../../ui/price_box.py" line="121"/>
        <source>yen</source>
        <translation>円</translation>
    </message>
    <message>
        <location filename="../../ui/price_box.py" line="122"/>
        <source>no purchase</source>
        <translation>買取なし</translation>
    </message>
    <message>
        <location filename="../../ui/price_box.py" line="123"/>
        <source>Why not the table&apos;s price</source>
        <translation>表と違う理由</translation>
    </message>
    <message>
        <location filename="../../ui/price_box.py" line="124"/>
        <source>e.g. scratches on the screen</source>
        <translation>例: 画面に細かい傷</translation>
    </message>
    <message>
        <location filename="../../ui/price_box.py" line="141"/>
        <source>Table price: {price} yen</source>
        <translation>参考価格: {price} 円</translation>
    </message>
</context>
<context>
    <name>SellerForm</name>
    <message>
        <location filename="../../ui/seller_form.py" line="200"/>
        <source>Seller and ID check</source>
        <translation>売主と本人確認</translation>
    </message>
    <message>
        <location filename="../../ui/seller_form.py" line="202"/>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <location filename="../../ui/seller_form.py" line="202"/>
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <location filename="../../ui/seller_form.py" line="202"/>
        <source>Occupation</source>
        <translation>職業</translation>
    </message>
    <message>
        <location filename="../../ui/seller_form.py" line="203"/>
        <source>Date of birth</source>
        <translation>生年月日</translation>
    </message>
    <message>
        <location filename="../../ui/seller_form.py" line="203"/>
        <source>Guardian&apos;s consent</source>
        <translation>保護者の同意</translation>
    </message>
    <message>
        <location filename="../../ui/seller_form.py" line="204"/>
        <source>Guardian&apos;s name</source>
        <translation>保護者の氏名</translation>
    </message>
    <message>
        <location filename="../../ui/seller_form.py" line="204"/>
        <source>Relationship</source>
        <translation>続柄</translation>
    </message>
    <message>
        <location filename="../../ui/seller_form.py" line="205"/>
        <source>ID document</source>
        <translation>本人確認書類</translation>
    </message>
    <message>
        <location filename="../../ui/seller_form.py" line="205"/>
        <source>Guardian&apos;s contact</source>
        <translation>保護者の連絡先</translation>
    </message>
    <message>
        <location filename="../../ui/seller_form.py" line="206"/>
        <source>Document number</source>
        <translation>証明書番号</translation>
    </message>
    <message>
        <location filename="../../ui/seller_form.py" line="206"/>
        <source>Document name</source>
        <translation>書類の名称</translation>
    </message>
    <message>
        <location filename="../../ui/seller_form.py" line="207"/>
        <source>Date of issue</source>
        <translation>発行日</translation>
    </message>
    <message>
        <location filename="../../ui/seller_form.py" line="207"/>
        <source>Document for the address</source>
        <translation>住所を確認した書類</translation>
    </message>
    <message>
        <location filename="../../ui/seller_form.py" line="208"/>
        <source>Its number</source>
        <translation>その番号</translation>
    </message>
    <message>
        <location filename="../../ui/seller_form.py" line="211"/>
        <source>None</source>
        <translation>なし</translation>
    </message>
    <message>
        <location filename="../../ui/seller_form.py" line="215"/>
        <source>Not checked yet</source>
        <translation>未確認</translation>
    </message>
    <message>
        <location filename="../../ui/seller_form.py" line="215"/>
        <source>Not chosen</source>
        <translation>未選択</translation>
    </message>
    <message>
        <location filename="../../ui/seller_form.py" line="218"/>
        <source>Suspected stolen goods</source>
        <translation>盗品の疑いあり</translation>
    </message>
    <message>
        <location filename="../../ui/seller_form.py" line="235"/>
        <source>{characters} cannot be written in a Shift_JIS (cp932) export; the UTF-8 export keeps it.</source>
        <translation>{characters} はShift_JIS(cp932)の書き出しでは書けません。UTF-8の書き出しでは残ります。</translation>
    </message>
    <message>
        <location filename="../../ui/seller_form.py" line="264"/>
        <source>Record only that it was shown: its number must not be written down.</source>
        <translation>提示を受けたことだけを記録します。番号は控えないでください。</translation>
    </message>
    <message>
        <location filename="../../ui/seller_form.py" line="266"/>
        <source>A passport issued from 2020-02-04 shows no address: check a second document for it.</source>
        <translation>2020年2月4日以降に発行されたパスポートには住所欄がありません。住所は別の書類で確認してください。</translation>
    </message>
    <message>
        <location filename="../../ui/seller_form.py" line="270"/>
        <source>Fill in the ID check to go on.</source>
        <translation>本人確認の記入を済ませてください。</translation>
    </message>
    <message>
        <location filename="../../ui/seller_form.py" line="291"/>
        <source>Not a date (e.g. 19850412)</source>
        <translation>日付として読めません(例: 19850412)</translation>
    </message>
    <message>
        <location filename="../../ui/seller_form.py" line="295"/>
        <source>In the future</source>
        <translation>未来の日付です</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/seller_form.py" line="299"/>
        <source>Check the date: over %n years ago</source>
        <translation>
            <numerusform>日付を確認してください: %n年以上前です</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/seller_form.py" line="304"/>
        <source>Age %n</source>
        <translation>
            <numerusform>%n 歳</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ShopSettingsDialog</name>
    <message>
        <location filename="../../ui/shop_settings.py" line="55"/>
        <source>Not saved: {reason}</source>
        <translation>保存できませんでした: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/shop_settings.py" line="62"/>
        <source>Shop settings</source>
        <translation>店舗設定</translation>
    </message>
    <message>
        <location filename="../../ui/shop_settings.py" line="64"/>
        <source>Shop name</source>
        <translation>店名</translation>
    </message>
    <message>
        <location filename="../../ui/shop_settings.py" line="64"/>
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <location filename="../../ui/shop_settings.py" line="65"/>
        <source>Licence issued by (公安委員会)</source>
        <translation>許可した公安委員会</translation>
    </message>
    <message>
        <location filename="../../ui/shop_settings.py" line="66"/>
        <source>Secondhand dealer licence number</source>
        <translation>古物商許可番号</translation>
    </message>
    <message>
        <location filename="../../ui/shop_settings.py" line="66"/>
        <source>Phone</source>
        <translation>電話番号</translation>
    </message>
    <message>
        <location filename="../../ui/shop_settings.py" line="67"/>
        <source>Staff (one name a line)</source>
        <translation>スタッフ(1行に1人)</translation>
    </message>
</context>
<context>
    <name>StaffChooser</name>
    <message>
        <location filename="../../ui/shop_settings.py" line="103"/>
        <source>Staff on this shift</source>
        <translation>担当スタッフ</translation>
    </message>
    <message>
        <location filename="../../ui/shop_settings.py" line="104"/>
        <source>Who is working the counter? Every intake is recorded under this name.</source>
        <translation>カウンターの担当者を選んでください。受付はこの名前で記録されます。</translation>
    </message>
</context>
<context>
    <name>StatementPrinter</name>
    <message>
        <location filename="../../ui/statement_pdf.py" line="216"/>
        <source>entry {number} is not in the ledger</source>
        <extracomment>Families tried in order for the Japanese text; the first one installed is embedded. The signature in the box, in the document&apos;s units, and the picture drawn for it (pixels): four pixels a unit (384 per inch), so it prints sharp at 300 dpi. (Qt stores the picture as JPEG.) A value longer than this takes a whole row; shorter ones share a row two by two, so the page keeps room for the signature. Entries whose statement is being written now.</extracomment>
        <translation>台帳番号 {number} は台帳にありません</translation>
    </message>
</context>
<context>
    <name>TicketQueuePanel</name>
    <message>
        <location filename="../../ui/customer/queue_panel.py" line="94"/>
        <source>Plug the customer&apos;s phone in and choose its card, then open the ticket.</source>
        <extracomment>The intake whose seller is asked to sign, until the customer screen answers.</extracomment>
        <translation>お客様の端末をつないでカードを選んでから、受付票を開いてください。</translation>
    </message>
    <message>
        <location filename="../../ui/customer/queue_panel.py" line="107"/>
        <source>Choose the card of the phone being bought, before it is recorded.</source>
        <translation>買い取る端末のカードを、記録する前に選んでください。</translation>
    </message>
    <message>
        <location filename="../../ui/customer/queue_panel.py" line="111"/>
        <source>The seller signs for a purchase: grade the phone and enter its price first.</source>
        <translation>署名は買取の内容に対していただきます。先に判定を済ませ、買取価格を入力してください。</translation>
    </message>
    <message>
        <location filename="../../ui/customer/queue_panel.py" line="134"/>
        <source>The intake was recorded before the seller signed, so the signature was not kept: have the printed statement signed.</source>
        <translation>売主の署名より先に受付が記録されたため、署名は保存されませんでした。印刷した明細書に署名をもらってください。</translation>
    </message>
    <message>
        <location filename="../../ui/customer/queue_panel.py" line="145"/>
        <source>The seller did not sign on the customer screen: have the printed statement signed.</source>
        <translation>お客様画面で署名されませんでした。印刷した明細書に署名をもらってください。</translation>
    </message>
    <message>
        <location filename="../../ui/customer/queue_panel.py" line="155"/>
        <source>Waiting for the seller to sign on the customer screen…</source>
        <translation>お客様画面での署名を待っています…</translation>
    </message>
    <message>
        <location filename="../../ui/customer/queue_panel.py" line="157"/>
        <source>The seller signed on the customer screen; the signature is recorded with this intake.</source>
        <translation>売主がお客様画面で署名しました。署名はこの受付とともに記録されます。</translation>
    </message>
    <message>
        <location filename="../../ui/customer/queue_panel.py" line="167"/>
        <source>Waiting customers</source>
        <translation>受付待ちのお客様</translation>
    </message>
    <message>
        <location filename="../../ui/customer/queue_panel.py" line="168"/>
        <source>No ticket waiting.</source>
        <translation>受付待ちはありません。</translation>
    </message>
    <message>
        <location filename="../../ui/customer/queue_panel.py" line="169"/>
        <source>Show the customer screen</source>
        <translation>お客様画面を表示</translation>
    </message>
    <message>
        <location filename="../../ui/customer/queue_panel.py" line="170"/>
        <source>Sign on the customer screen</source>
        <translation>お客様画面で署名</translation>
    </message>
    <message>
        <location filename="../../ui/customer/queue_panel.py" line="171"/>
        <source>The seller signs the purchase on the customer screen instead of on paper</source>
        <translation>売主が紙の代わりにお客様画面で署名します</translation>
    </message>
    <message>
        <location filename="../../ui/customer/queue_panel.py" line="172"/>
        <source>Cancel the signature</source>
        <translation>署名の依頼を取り消す</translation>
    </message>
</context>
</TS>
