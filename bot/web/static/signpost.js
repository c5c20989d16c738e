(function () {
"use strict";
const CSS_TEXT = ":host{all:initial;--accent:#1d70b8;--text:#0b0c0c;--muted:#505a5f;--line:#b1b4b6;--soft:#f3f2f1;--warn:#d4351c;--focus:#ffdd00;font:normal 400 medium/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,Arial,sans-serif;color:var(--text)}[hidden]{display:none !important}.root{font-size:1em}*,*::before,*::after{box-sizing:border-box}p,h2,h3,ul,dl,dd{margin:0}a{color:var(--accent);text-decoration-thickness:max(1px,.0625em);text-underline-offset:.15em}button,input{font:inherit;color:inherit}button{min-height:2.75em;min-width:2.75em;padding:.4em .9em;border:2px solid transparent;border-radius:.25em;cursor:pointer}:focus-visible{outline:3px solid var(--text);outline-offset:0;box-shadow:0 0 0 6px var(--focus)}a:focus-visible{background:var(--focus);color:var(--text);text-decoration:none}.vh,.toast:empty{position:absolute !important;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}.skip:not(:focus){position:fixed;inset-block-start:0;inset-inline-start:0;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}.skip:focus{position:fixed;z-index:2147483647;inset-block-start:.5em;inset-inline-start:.5em;padding:.5em 1em;background:var(--focus)}.exit{background:var(--warn);color:#fff;font-weight:700;border-color:#fff}.exit:hover{background:#aa2a16}.primary{background:var(--accent);color:#fff;font-weight:700}.secondary{background:var(--soft);border-color:var(--line)}.bar,.panel,.toast{position:fixed;z-index:2147483646;inset-inline-end:1em}.start .bar,.start .panel,.start .toast{inset-inline-end:auto;inset-inline-start:1em}.bar{inset-block-end:1em;display:flex;gap:.5em;flex-wrap:wrap;justify-content:flex-end}.launcher{display:inline-flex;align-items:center;gap:.5em;box-shadow:0 2px 6px rgb(0 0 0 / .35)}.launcher svg{width:1.25em;height:1.25em;fill:currentColor}.toast{inset-block-end:4.5em;max-width:20em;padding:.5em .75em;background:var(--text);color:#fff;border-radius:.25em}.panel{inset-block-end:1em;display:flex;flex-direction:column;width:min(25em,calc(100vw - 2em));height:min(40em,calc(100vh - 2em));background:#fff;border:2px solid var(--text);border-radius:.5em;box-shadow:0 4px 16px rgb(0 0 0 / .3);overflow:hidden}header{display:flex;align-items:center;gap:.5em;padding:.5em;padding-inline:1em .5em;background:var(--accent);color:#fff}h2{flex:1;min-width:0;font-size:1.125em;line-height:1.3}.min{background:transparent;color:#fff;padding:.4em}.min svg{width:1.25em;height:1.25em;fill:currentColor;display:block}.scroll{position:relative;flex:1;overflow-y:auto;padding:1em}.intro{padding:.75em 1em;border-inline-start:5px solid var(--accent);background:var(--soft);margin-block-end:1em}.intro h3{font-size:1em}.intro ul{margin-block-start:.5em;padding-inline-start:1.25em}.intro li + li{margin-block-start:.35em}.log{display:flex;flex-direction:column;gap:.75em}.msg{max-width:90%;padding:.5em .75em;border-radius:.5em;white-space:pre-line;overflow-wrap:anywhere}.bot{align-self:flex-start;background:var(--soft);border:1px solid var(--line)}.user{align-self:flex-end;background:#d2e2f1}.notice{border-inline-start:5px solid var(--accent)}.service{max-width:100%;width:100%;padding:0;background:none;border:0}.msg p + p{margin-block-start:.5em}.choices{display:flex;flex-wrap:wrap;gap:.5em;margin-block-start:.5em;white-space:normal}.choices button{background:#fff;border-color:var(--accent);color:var(--accent);font-weight:700;text-align:start}.choices button:hover{background:#e8f1f8}.card{white-space:normal;background:#fff;border:1px solid var(--line);border-radius:.25em;padding:.75em}.card h3{font-size:1.05em;margin-block-end:.25em}.card > * + *{margin-block-start:.5em}.card ul{list-style:none;padding:0}.card li + li{margin-block-start:.35em}.card li a{display:inline-block;min-height:1.5em;font-weight:700}.note,.small{color:var(--muted);font-size:.875em}.note{display:block}.card dt{font-weight:700}.status{display:inline-block;padding:0 .4em;margin-inline-end:.35em;border-radius:.25em;font-weight:700;background:var(--soft)}.status.always,.status.open{background:#cce2d8;color:#005a30}.status.closed{background:#f4cdc6;color:#942514}.waiting{color:var(--muted);padding-block-start:.75em}form{display:flex;gap:.5em;align-items:flex-end;padding:.75em 1em;border-block-start:1px solid var(--line)}form label{display:block;font-weight:700}.field{flex:1;min-width:0}input{width:100%;min-height:2.75em;padding:.4em .5em;border:2px solid var(--text);border-radius:0;background:#fff}input:focus-visible{box-shadow:inset 0 0 0 2px var(--text),0 0 0 6px var(--focus)}footer{padding:0 1em .75em}.cover{position:fixed;inset:0;z-index:2147483647;background:Canvas;color:CanvasText;padding:2em;font-size:1.25em}@media (max-width:40em),(max-height:30em){.panel{inset:0;width:auto;height:auto;border:0;border-radius:0}.start .panel{inset:0}}@media (prefers-reduced-motion:no-preference){.panel{animation:rise .15s ease-out}.waiting::after{content:\"\u2026\";animation:blink 1s steps(2) infinite}@keyframes rise{from{opacity:0;transform:translateY(.5em)}}@keyframes blink{50%{opacity:0}}}";
const DATA = {"emergency":{"AT":[{"display":"112","href":"tel:112"},{"display":"133","href":"tel:133"},{"display":"144","href":"tel:144"}],"AU":[{"display":"000","href":"tel:000"}],"BE":[{"display":"112","href":"tel:112"},{"display":"101","href":"tel:101"}],"CA":[{"display":"911","href":"tel:911"}],"CH":[{"display":"112","href":"tel:112"},{"display":"117","href":"tel:117"}],"DE":[{"display":"112","href":"tel:112"},{"display":"110","href":"tel:110"}],"DK":[{"display":"112","href":"tel:112"}],"ES":[{"display":"112","href":"tel:112"}],"FI":[{"display":"112","href":"tel:112"}],"FR":[{"display":"112","href":"tel:112"},{"display":"17","href":"tel:17"},{"display":"15","href":"tel:15"}],"GB":[{"display":"999","href":"tel:999"},{"display":"112","href":"tel:112"}],"IE":[{"display":"112","href":"tel:112"}],"IT":[{"display":"112","href":"tel:112"}],"NL":[{"display":"112","href":"tel:112"}],"NO":[{"display":"112","href":"tel:112"},{"display":"113","href":"tel:113"}],"NZ":[{"display":"111","href":"tel:111"}],"PL":[{"display":"112","href":"tel:112"}],"PT":[{"display":"112","href":"tel:112"}],"SE":[{"display":"112","href":"tel:112"}],"US":[{"display":"911","href":"tel:911"}]},"keys":["title","minimise","leave_now","leave_link","intro_heading","intro_automated","intro_saved","intro_identify","emergency","emergency_unknown","intro_leave","log_label","you","bot","input_label","send","end_chat","ended","waiting","offline","shift_2","shift_1","shift_expired","loading","hours","cost","confidentiality","languages","checked","source","new_tab"],"locales":{"ar":{"dir":"rtl","strings":["\u0645\u0633\u0627\u0639\u062f\u0629 \u0633\u0631\u064a\u0629","\u062a\u0635\u063a\u064a\u0631 \u0627\u0644\u0645\u062d\u0627\u062f\u062b\u0629","\u0627\u0644\u062e\u0631\u0648\u062c \u0627\u0644\u0622\u0646","\u0645\u063a\u0627\u062f\u0631\u0629 \u0647\u0630\u0627 \u0627\u0644\u0645\u0648\u0642\u0639","\u0642\u0628\u0644 \u0627\u0644\u0628\u062f\u0621","\u0647\u0630\u0647 \u062e\u062f\u0645\u0629 \u0622\u0644\u064a\u0629\u060c \u0648\u0644\u064a\u0633\u062a \u0634\u062e\u0635\u064b\u0627. \u064a\u0645\u0643\u0646\u0647\u0627 \u0623\u0646 \u062a\u0631\u0634\u062f\u0643 \u0625\u0644\u0649 \u0645\u0633\u0627\u0639\u062f\u0629 \u0633\u0631\u064a\u0629.","\u0644\u0627 \u064a\u064f\u062d\u0641\u0638 \u0623\u064a \u0634\u064a\u0621 \u064a\u064f\u0643\u062a\u0628 \u0647\u0646\u0627. \u0639\u0646\u062f \u0625\u0646\u0647\u0627\u0621 \u0627\u0644\u0645\u062d\u0627\u062f\u062b\u0629 \u0623\u0648 \u0645\u063a\u0627\u062f\u0631\u0629 \u0647\u0630\u0647 \u0627\u0644\u0635\u0641\u062d\u0629\u060c \u062a\u064f\u062d\u0630\u0641 \u0627\u0644\u0645\u062d\u0627\u062f\u062b\u0629.","\u064a\u064f\u0631\u062c\u0649 \u0639\u062f\u0645 \u0643\u062a\u0627\u0628\u0629 \u0623\u0633\u0645\u0627\u0621 \u0623\u0648 \u062a\u0641\u0627\u0635\u064a\u0644 \u0642\u062f \u062a\u0643\u0634\u0641 \u0647\u0648\u064a\u062a\u0643 \u0623\u0648 \u0647\u0648\u064a\u0629 \u0623\u064a \u0634\u062e\u0635 \u0622\u062e\u0631.","\u0625\u0630\u0627 \u0643\u0627\u0646 \u0647\u0646\u0627\u0643 \u0637\u0641\u0644 \u0641\u064a \u062e\u0637\u0631 \u0627\u0644\u0622\u0646\u060c \u064a\u064f\u0631\u062c\u0649 \u0627\u0644\u0627\u062a\u0635\u0627\u0644 \u0639\u0644\u0649 %{numbers}.","\u0625\u0630\u0627 \u0643\u0627\u0646 \u0647\u0646\u0627\u0643 \u0637\u0641\u0644 \u0641\u064a \u062e\u0637\u0631 \u0627\u0644\u0622\u0646\u060c \u064a\u064f\u0631\u062c\u0649 \u0627\u0644\u0627\u062a\u0635\u0627\u0644 \u0628\u0631\u0642\u0645 \u0627\u0644\u0637\u0648\u0627\u0631\u0626 \u0627\u0644\u0645\u062d\u0644\u064a.","\u0644\u0644\u062e\u0631\u0648\u062c \u0628\u0633\u0631\u0639\u0629\u060c \u064a\u0645\u0643\u0646\u0643 \u0627\u062e\u062a\u064a\u0627\u0631 \u00ab\u0627\u0644\u062e\u0631\u0648\u062c \u0627\u0644\u0622\u0646\u00bb \u0623\u0648 \u0627\u0644\u0636\u063a\u0637 \u0639\u0644\u0649 \u0645\u0641\u062a\u0627\u062d Shift \u062b\u0644\u0627\u062b \u0645\u0631\u0627\u062a. \u0644\u0627 \u064a\u0624\u062f\u064a \u0630\u0644\u0643 \u0625\u0644\u0649 \u0645\u0633\u062d \u0633\u062c\u0644 \u0627\u0644\u0645\u062a\u0635\u0641\u062d.","\u0627\u0644\u0645\u062d\u0627\u062f\u062b\u0629","\u0631\u0633\u0627\u0644\u062a\u0643:","\u0631\u062f Signpost:","\u0631\u0633\u0627\u0644\u062a\u0643","\u0625\u0631\u0633\u0627\u0644","\u0625\u0646\u0647\u0627\u0621 \u0627\u0644\u0645\u062d\u0627\u062f\u062b\u0629","\u0627\u0646\u062a\u0647\u062a \u0627\u0644\u0645\u062d\u0627\u062f\u062b\u0629\u060c \u0648\u062a\u0645 \u062d\u0630\u0641\u0647\u0627.","\u0641\u064a \u0627\u0646\u062a\u0638\u0627\u0631 \u0627\u0644\u0631\u062f","\u0639\u0630\u0631\u064b\u0627\u060c \u0627\u0644\u0645\u062d\u0627\u062f\u062b\u0629 \u063a\u064a\u0631 \u0645\u062a\u0627\u062d\u0629 \u0627\u0644\u0622\u0646. \u064a\u064f\u0631\u062c\u0649 \u0627\u0644\u0645\u062d\u0627\u0648\u0644\u0629 \u0645\u0631\u0629 \u0623\u062e\u0631\u0649 \u0644\u0627\u062d\u0642\u064b\u0627.","Shift: \u0645\u0631\u062a\u0627\u0646 \u0623\u062e\u0631\u064a\u0627\u0646 \u0644\u0644\u062e\u0631\u0648\u062c.","Shift: \u0645\u0631\u0629 \u0648\u0627\u062d\u062f\u0629 \u0623\u062e\u0631\u0649 \u0644\u0644\u062e\u0631\u0648\u062c.","\u0627\u0646\u062a\u0647\u062a \u0645\u0647\u0644\u0629 \u0627\u0644\u062e\u0631\u0648\u062c \u0628\u0645\u0641\u062a\u0627\u062d Shift.","\u062c\u0627\u0631\u064d \u0627\u0644\u062a\u062d\u0645\u064a\u0644.","\u0633\u0627\u0639\u0627\u062a \u0627\u0644\u0639\u0645\u0644","\u0627\u0644\u062a\u0643\u0644\u0641\u0629","\u0627\u0644\u0633\u0631\u064a\u0629","\u0627\u0644\u0644\u063a\u0627\u062a","\u062a\u0645 \u0627\u0644\u062a\u062d\u0642\u0642 \u0645\u0646 \u0627\u0644\u062a\u0641\u0627\u0635\u064a\u0644 \u0641\u064a %{date}.","\u0627\u0644\u0645\u0635\u062f\u0631","(\u064a\u064f\u0641\u062a\u062d \u0641\u064a \u0639\u0644\u0627\u0645\u0629 \u062a\u0628\u0648\u064a\u0628 \u062c\u062f\u064a\u062f\u0629)"]},"de":{"dir":"ltr","strings":["Vertrauliche Hilfe","Chat minimieren","Sofort verlassen","Diese Website verlassen","Bevor Sie beginnen","Dies ist ein automatischer Dienst, kein Mensch. Er kann Ihnen zeigen, wo Sie vertrauliche Hilfe finden.","Nichts, was Sie schreiben, wird gespeichert. Wenn Sie den Chat beenden oder diese Seite verlassen, wird das Gespr\u00e4ch gel\u00f6scht.","Schreiben Sie keine Namen oder Details, an denen man Sie oder andere Menschen erkennen k\u00f6nnte.","Wenn ein Kind gerade in Gefahr ist, rufen Sie %{numbers} an.","Wenn ein Kind gerade in Gefahr ist, rufen Sie die \u00f6rtliche Notrufnummer an.","Um schnell zu gehen, w\u00e4hlen Sie \u201eSofort verlassen\u201c oder dr\u00fccken Sie 3-mal die Umschalttaste. Ihr Browserverlauf wird dadurch nicht gel\u00f6scht.","Gespr\u00e4ch","Sie schrieben:","Signpost schrieb:","Ihre Nachricht","Senden","Chat beenden","Chat beendet. Das Gespr\u00e4ch wurde gel\u00f6scht.","Warten auf eine Antwort","Der Chat ist gerade leider nicht verf\u00fcgbar. Bitte versuchen Sie es sp\u00e4ter noch einmal.","Umschalttaste: noch 2-mal dr\u00fccken, um die Seite zu verlassen.","Umschalttaste: noch 1-mal dr\u00fccken, um die Seite zu verlassen.","Die Zeit zum Verlassen mit der Umschalttaste ist abgelaufen.","Wird geladen.","Erreichbarkeit","Kosten","Vertraulichkeit","Sprachen","Angaben gepr\u00fcft am %{date}.","Quelle","(\u00f6ffnet in einem neuen Tab)"]},"en":{"dir":"ltr","strings":["Confidential help","Minimise chat","Leave now","Leave this site","Before you start","This is an automated service, not a person. It can point you to confidential help.","Nothing you type is saved. When you end the chat or leave this page, the conversation is deleted.","Do not type names or details that could identify you or anyone else.","If a child is in danger right now, call %{numbers}.","If a child is in danger right now, call your local emergency number.","To leave quickly, select \u201cLeave now\u201d or press the Shift key 3 times. This does not erase your browser history.","Conversation","You said:","Signpost said:","Your message","Send","End chat","Chat ended. The conversation has been deleted.","Waiting for a reply","Sorry, the chat is not available right now. Please try again later.","Shift, press 2 more times to leave.","Shift, press 1 more time to leave.","Leaving with the Shift key timed out.","Loading.","Opening hours","Cost","Confidentiality","Languages","Details checked on %{date}.","Source","(opens in a new tab)"]},"es":{"dir":"ltr","strings":["Ayuda confidencial","Minimizar el chat","Salir ya","Salir de este sitio","Antes de empezar","Este es un servicio autom\u00e1tico, no una persona. Puede indicarte d\u00f3nde encontrar ayuda confidencial.","Nada de lo que escribas se guarda. Cuando termines el chat o salgas de esta p\u00e1gina, la conversaci\u00f3n se borra.","No escribas nombres ni datos que puedan identificarte a ti o a otras personas.","Si hay un ni\u00f1o o una ni\u00f1a en peligro ahora mismo, llama al %{numbers}.","Si hay un ni\u00f1o o una ni\u00f1a en peligro ahora mismo, llama al n\u00famero de emergencias de tu pa\u00eds.","Para salir r\u00e1pidamente, selecciona \u00abSalir ya\u00bb o pulsa la tecla May\u00fas (Shift) 3 veces. Esto no borra el historial del navegador.","Conversaci\u00f3n","Has dicho:","Signpost ha dicho:","Tu mensaje","Enviar","Terminar el chat","Chat terminado. La conversaci\u00f3n se ha borrado.","Esperando respuesta","Lo siento, el chat no est\u00e1 disponible en este momento. Int\u00e9ntalo de nuevo m\u00e1s tarde.","May\u00fas: pulsa 2 veces m\u00e1s para salir.","May\u00fas: pulsa 1 vez m\u00e1s para salir.","Se ha agotado el tiempo para salir con la tecla May\u00fas.","Cargando.","Horario","Coste","Confidencialidad","Idiomas","Datos comprobados el %{date}.","Fuente","(se abre en una pesta\u00f1a nueva)"]},"fi":{"dir":"ltr","strings":["Luottamuksellista apua","Pienenn\u00e4 chat","Poistu nyt","Poistu t\u00e4lt\u00e4 sivustolta","Ennen kuin aloitat","T\u00e4m\u00e4 on automaattinen palvelu, ei ihminen. Se voi ohjata sinut luottamuksellisen avun luo.","Mit\u00e4\u00e4n, mit\u00e4 kirjoitat, ei tallenneta. Kun lopetat keskustelun tai poistut t\u00e4lt\u00e4 sivulta, keskustelu poistetaan.","\u00c4l\u00e4 kirjoita nimi\u00e4 tai tietoja, joista sinut tai joku muu voitaisiin tunnistaa.","Jos lapsi on vaarassa juuri nyt, soita numeroon %{numbers}.","Jos lapsi on vaarassa juuri nyt, soita paikalliseen h\u00e4t\u00e4numeroon.","Voit poistua nopeasti valitsemalla \u201dPoistu nyt\u201d tai painamalla Shift-n\u00e4pp\u00e4int\u00e4 3 kertaa. T\u00e4m\u00e4 ei poista selaimesi historiaa.","Keskustelu","Sin\u00e4 kirjoitit:","Signpost kirjoitti:","Viestisi","L\u00e4het\u00e4","Lopeta keskustelu","Keskustelu on p\u00e4\u00e4ttynyt ja poistettu.","Odotetaan vastausta","Valitettavasti chat ei ole juuri nyt k\u00e4ytett\u00e4viss\u00e4. Yrit\u00e4 my\u00f6hemmin uudelleen.","Shift, paina viel\u00e4 2 kertaa poistuaksesi.","Shift, paina viel\u00e4 1 kerran poistuaksesi.","Aika poistua Shift-n\u00e4pp\u00e4imell\u00e4 umpeutui.","Ladataan.","Aukioloajat","Hinta","Luottamuksellisuus","Kielet","Tiedot tarkistettu %{date}.","L\u00e4hde","(avautuu uudelle v\u00e4lilehdelle)"]},"fr":{"dir":"ltr","strings":["Aide confidentielle","R\u00e9duire la conversation","Quitter maintenant","Quitter ce site","Avant de commencer","Ceci est un service automatique, pas une personne. Il peut vous orienter vers une aide confidentielle.","Rien de ce que vous \u00e9crivez n'est enregistr\u00e9. Quand vous terminez la conversation ou quittez cette page, elle est effac\u00e9e.","N'\u00e9crivez pas de noms ni de d\u00e9tails qui pourraient vous identifier, vous ou quelqu'un d'autre.","Si un enfant est en danger en ce moment, appelez le %{numbers}.","Si un enfant est en danger en ce moment, appelez le num\u00e9ro d'urgence de votre pays.","Pour partir rapidement, s\u00e9lectionnez \u00ab Quitter maintenant \u00bb ou appuyez 3 fois sur la touche Maj. Cela n'efface pas l'historique de votre navigateur.","Conversation","Vous avez \u00e9crit :","Signpost a \u00e9crit :","Votre message","Envoyer","Terminer la conversation","Conversation termin\u00e9e. Elle a \u00e9t\u00e9 effac\u00e9e.","En attente d'une r\u00e9ponse","D\u00e9sol\u00e9, la conversation n'est pas disponible pour le moment. Veuillez r\u00e9essayer plus tard.","Maj : appuyez encore 2 fois pour quitter.","Maj : appuyez encore 1 fois pour quitter.","Le d\u00e9lai pour quitter avec la touche Maj est d\u00e9pass\u00e9.","Chargement.","Horaires","Co\u00fbt","Confidentialit\u00e9","Langues","Informations v\u00e9rifi\u00e9es le %{date}.","Source","(s'ouvre dans un nouvel onglet)"]},"it":{"dir":"ltr","strings":["Aiuto riservato","Riduci la chat","Esci subito","Esci da questo sito","Prima di iniziare","Questo \u00e8 un servizio automatico, non una persona. Pu\u00f2 indicarti dove trovare un aiuto riservato.","Niente di ci\u00f2 che scrivi viene salvato. Quando termini la chat o lasci questa pagina, la conversazione viene cancellata.","Non scrivere nomi o dettagli che potrebbero identificare te o altre persone.","Se un bambino \u00e8 in pericolo in questo momento, chiama il %{numbers}.","Se un bambino \u00e8 in pericolo in questo momento, chiama il numero di emergenza del tuo paese.","Per uscire in fretta, seleziona \u00abEsci subito\u00bb o premi 3 volte il tasto Maiusc (Shift). Questo non cancella la cronologia del browser.","Conversazione","Hai scritto:","Signpost ha scritto:","Il tuo messaggio","Invia","Termina la chat","Chat terminata. La conversazione \u00e8 stata cancellata.","In attesa di risposta","Ci dispiace, la chat non \u00e8 disponibile in questo momento. Riprova pi\u00f9 tardi.","Maiusc: premi ancora 2 volte per uscire.","Maiusc: premi ancora 1 volta per uscire.","Il tempo per uscire con il tasto Maiusc \u00e8 scaduto.","Caricamento.","Orari","Costo","Riservatezza","Lingue","Dati verificati il %{date}.","Fonte","(si apre in una nuova scheda)"]},"nl":{"dir":"ltr","strings":["Vertrouwelijke hulp","Chat minimaliseren","Nu weggaan","Deze site verlaten","Voordat je begint","Dit is een automatische dienst, geen mens. Hij kan je de weg wijzen naar vertrouwelijke hulp.","Niets van wat je typt wordt bewaard. Als je de chat be\u00ebindigt of deze pagina verlaat, wordt het gesprek verwijderd.","Typ geen namen of gegevens waardoor jij of iemand anders herkend kan worden.","Is een kind nu in gevaar? Bel %{numbers}.","Is een kind nu in gevaar? Bel het alarmnummer van je land.","Wil je snel weg? Kies \u201eNu weggaan\u201d of druk 3 keer op de Shift-toets. Je browsergeschiedenis wordt hiermee niet gewist.","Gesprek","Jij zei:","Signpost zei:","Je bericht","Versturen","Chat be\u00ebindigen","Chat be\u00ebindigd. Het gesprek is verwijderd.","Wachten op een antwoord","Sorry, de chat is nu niet beschikbaar. Probeer het later opnieuw.","Shift, druk nog 2 keer om weg te gaan.","Shift, druk nog 1 keer om weg te gaan.","Weggaan met de Shift-toets is verlopen.","Laden.","Openingstijden","Kosten","Vertrouwelijkheid","Talen","Gegevens gecontroleerd op %{date}.","Bron","(opent in een nieuw tabblad)"]},"pl":{"dir":"ltr","strings":["Poufna pomoc","Zminimalizuj czat","Wyjd\u017a teraz","Opu\u015b\u0107 t\u0119 stron\u0119","Zanim zaczniemy","To automatyczna us\u0142uga, a nie cz\u0142owiek. Mo\u017ce wskaza\u0107, gdzie szuka\u0107 poufnej pomocy.","Nic, co zostanie wpisane, nie jest zapisywane. Po zako\u0144czeniu czatu lub opuszczeniu tej strony rozmowa jest usuwana.","Prosz\u0119 nie wpisywa\u0107 imion ani szczeg\u00f3\u0142\u00f3w, po kt\u00f3rych mo\u017cna by rozpozna\u0107 osob\u0119 pisz\u0105c\u0105 lub kogokolwiek innego.","Je\u015bli dziecko jest teraz w niebezpiecze\u0144stwie, prosz\u0119 zadzwoni\u0107 pod numer %{numbers}.","Je\u015bli dziecko jest teraz w niebezpiecze\u0144stwie, prosz\u0119 zadzwoni\u0107 pod lokalny numer alarmowy.","Aby szybko wyj\u015b\u0107, wystarczy wybra\u0107 \u201eWyjd\u017a teraz\u201d lub nacisn\u0105\u0107 3 razy klawisz Shift. Nie usuwa to historii przegl\u0105darki.","Rozmowa","Wiadomo\u015b\u0107 u\u017cytkownika:","Wiadomo\u015b\u0107 od Signpost:","Wiadomo\u015b\u0107","Wy\u015blij","Zako\u0144cz czat","Czat zako\u0144czony. Rozmowa zosta\u0142a usuni\u0119ta.","Oczekiwanie na odpowied\u017a","Przepraszamy, czat jest teraz niedost\u0119pny. Prosz\u0119 spr\u00f3bowa\u0107 p\u00f3\u017aniej.","Shift \u2013 jeszcze 2 naci\u015bni\u0119cia, aby wyj\u015b\u0107.","Shift \u2013 jeszcze 1 naci\u015bni\u0119cie, aby wyj\u015b\u0107.","Czas na wyj\u015bcie klawiszem Shift min\u0105\u0142.","\u0141adowanie.","Godziny otwarcia","Koszt","Poufno\u015b\u0107","J\u0119zyki","Dane sprawdzono: %{date}.","\u0179r\u00f3d\u0142o","(otwiera si\u0119 w nowej karcie)"]},"pt":{"dir":"ltr","strings":["Ajuda confidencial","Minimizar a conversa","Sair j\u00e1","Sair deste site","Antes de come\u00e7ar","Este \u00e9 um servi\u00e7o autom\u00e1tico, n\u00e3o uma pessoa. Pode indicar onde encontrar ajuda confidencial.","Nada do que escrever fica guardado. Quando terminar a conversa ou sair desta p\u00e1gina, a conversa \u00e9 apagada.","N\u00e3o escreva nomes nem dados que permitam identificar quem escreve ou qualquer outra pessoa.","Se uma crian\u00e7a estiver em perigo neste momento, ligue para o %{numbers}.","Se uma crian\u00e7a estiver em perigo neste momento, ligue para o n\u00famero de emerg\u00eancia local.","Para sair rapidamente, selecione \u201cSair j\u00e1\u201d ou pressione a tecla Shift 3 vezes. Isto n\u00e3o apaga o hist\u00f3rico do navegador.","Conversa","Escreveu:","O Signpost escreveu:","A sua mensagem","Enviar","Terminar a conversa","Conversa terminada. A conversa foi apagada.","A aguardar resposta","Lamento, a conversa n\u00e3o est\u00e1 dispon\u00edvel neste momento. Tente novamente mais tarde.","Shift: pressione mais 2 vezes para sair.","Shift: pressione mais 1 vez para sair.","O tempo para sair com a tecla Shift expirou.","A carregar.","Hor\u00e1rio","Custo","Confidencialidade","L\u00ednguas","Dados verificados em %{date}.","Fonte","(abre num novo separador)"]},"sv":{"dir":"ltr","strings":["Konfidentiell hj\u00e4lp","Minimera chatten","L\u00e4mna nu","L\u00e4mna webbplatsen","Innan du b\u00f6rjar","Det h\u00e4r \u00e4r en automatisk tj\u00e4nst, inte en m\u00e4nniska. Den kan visa dig var du kan f\u00e5 konfidentiell hj\u00e4lp.","Inget av det du skriver sparas. N\u00e4r du avslutar chatten eller l\u00e4mnar sidan raderas samtalet.","Skriv inte namn eller uppgifter som kan avsl\u00f6ja vem du eller n\u00e5gon annan \u00e4r.","Om ett barn \u00e4r i fara just nu, ring %{numbers}.","Om ett barn \u00e4r i fara just nu, ring ditt lokala n\u00f6dnummer.","Vill du l\u00e4mna snabbt, v\u00e4lj \u201dL\u00e4mna nu\u201d eller tryck p\u00e5 Skift-tangenten 3 g\u00e5nger. Din webbhistorik raderas inte.","Samtal","Du skrev:","Signpost skrev:","Ditt meddelande","Skicka","Avsluta chatten","Chatten \u00e4r avslutad. Samtalet har raderats.","V\u00e4ntar p\u00e5 svar","Tyv\u00e4rr \u00e4r chatten inte tillg\u00e4nglig just nu. F\u00f6rs\u00f6k igen senare.","Skift, tryck 2 g\u00e5nger till f\u00f6r att l\u00e4mna.","Skift, tryck 1 g\u00e5ng till f\u00f6r att l\u00e4mna.","Tiden f\u00f6r att l\u00e4mna med Skift-tangenten har g\u00e5tt ut.","Laddar.","\u00d6ppettider","Kostnad","Sekretess","Spr\u00e5k","Uppgifterna kontrollerades %{date}.","K\u00e4lla","(\u00f6ppnas i en ny flik)"]},"tr":{"dir":"ltr","strings":["Gizli yard\u0131m","Sohbeti k\u00fc\u00e7\u00fclt","Hemen \u00e7\u0131k","Bu siteden \u00e7\u0131k","Ba\u015flamadan \u00f6nce","Bu, bir insan de\u011fil, otomatik bir hizmettir. Sizi gizli yard\u0131m alabilece\u011finiz yerlere y\u00f6nlendirebilir.","Yazd\u0131\u011f\u0131n\u0131z hi\u00e7bir \u015fey kaydedilmez. Sohbeti bitirdi\u011finizde ya da bu sayfadan ayr\u0131ld\u0131\u011f\u0131n\u0131zda konu\u015fma silinir.","Sizi ya da ba\u015fka birini tan\u0131tabilecek isimler veya bilgiler yazmay\u0131n.","\u015eu anda bir \u00e7ocuk tehlikedeyse %{numbers} numaras\u0131n\u0131 aray\u0131n.","\u015eu anda bir \u00e7ocuk tehlikedeyse bulundu\u011funuz yerin acil durum numaras\u0131n\u0131 aray\u0131n.","H\u0131zl\u0131ca \u00e7\u0131kmak i\u00e7in \u201cHemen \u00e7\u0131k\u201d se\u00e7ene\u011fini se\u00e7in ya da Shift tu\u015funa 3 kez bas\u0131n. Bu, taray\u0131c\u0131 ge\u00e7mi\u015finizi silmez.","Konu\u015fma","Siz yazd\u0131n\u0131z:","Signpost yazd\u0131:","Mesaj\u0131n\u0131z","G\u00f6nder","Sohbeti bitir","Sohbet sona erdi. Konu\u015fma silindi.","Yan\u0131t bekleniyor","\u00dczg\u00fcn\u00fcz, sohbet \u015fu anda kullan\u0131lam\u0131yor. L\u00fctfen daha sonra tekrar deneyin.","Shift: \u00e7\u0131kmak i\u00e7in 2 kez daha bas\u0131n.","Shift: \u00e7\u0131kmak i\u00e7in 1 kez daha bas\u0131n.","Shift tu\u015fuyla \u00e7\u0131k\u0131\u015f i\u00e7in s\u00fcre doldu.","Y\u00fckleniyor.","\u00c7al\u0131\u015fma saatleri","\u00dccret","Gizlilik","Diller","Bilgiler %{date} tarihinde kontrol edildi.","Kaynak","(yeni sekmede a\u00e7\u0131l\u0131r)"]}}};
const DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather";
const WEBHOOK_PATH = "/webhooks/rest/webhook";
const CONFIG = readConfig(document.currentScript);
function readConfig(script) {
const data = script ? script.dataset : {};
const scriptUrl = new URL(script && script.src ? script.src : location.href);
const apiBase = httpUrl(data.apiUrl, scriptUrl.origin).replace(/\/+$/, "");
return {
api: apiBase + WEBHOOK_PATH,
locale: pickLocale(data.locale),
country: /^[a-z]{2}$/i.test(data.country || "") ? data.country.toUpperCase() : "",
exitUrl: httpUrl(data.exitUrl, DEFAULT_EXIT_URL),
title: data.title || "",
accent: data.accent && CSS.supports("color", data.accent) ? data.accent : "",
position: data.position === "start" ? "start" : "end",
open: data.open === "true",
};
}
function httpUrl(value, fallback) {
try {
const url = new URL(value, location.href);
if (value && /^https?:$/.test(url.protocol)) return url.href;
} catch (e) {
}
return fallback;
}
function pickLocale(value) {
const lang = String(value || "").toLowerCase().split(/[-_]/)[0];
return DATA.locales[lang] ? lang : "en";
}
function direction() {
return DATA.locales[CONFIG.locale].dir;
}
function t(key) {
const i = DATA.keys.indexOf(key);
return DATA.locales[CONFIG.locale].strings[i] || DATA.locales.en.strings[i];
}
function emergencyNumbers() {
return DATA.emergency[CONFIG.country] || [];
}
const SAFE_PROTOCOLS = ["http:", "https:", "tel:", "sms:", "mailto:"];
function h(tag, attrs, ...children) {
const el = document.createElement(tag);
for (const [name, value] of Object.entries(attrs || {})) {
if (value !== null && value !== undefined && value !== false) el.setAttribute(name, value);
}
el.append(...children.filter((child) => child !== null && child !== undefined && child !== ""));
return el;
}
function icon(path) {
const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
svg.setAttribute("viewBox", "0 0 24 24");
svg.setAttribute("aria-hidden", "true");
svg.setAttribute("focusable", "false");
const shape = document.createElementNS("http://www.w3.org/2000/svg", "path");
shape.setAttribute("d", path);
svg.append(shape);
return svg;
}
function ltr(text) {
return h("bdi", { dir: "ltr" }, text);
}
function fill(template, values) {
return template.split(/%\{(\w+)\}/).map((part, i) => (i % 2 ? values[part] : part));
}
function safeHref(href) {
try {
return SAFE_PROTOCOLS.includes(new URL(href).protocol) ? href : null;
} catch (e) {
return null;
}
}
function numberList(numbers) {
const list = new Intl.ListFormat(CONFIG.locale, { type: "disjunction" });
let next = 0;
const parts = list.formatToParts(numbers.map((n) => n.display));
return h("span", null, ...parts.map((part) => {
if (part.type !== "element") return part.value;
const number = numbers[next++];
return h("a", { href: safeHref(number.href) }, ltr(number.display));
}));
}
function emergencyLine() {
const numbers = emergencyNumbers();
if (!numbers.length) return h("p", null, t("emergency_unknown"));
return h("p", null, ...fill(t("emergency"), { numbers: numberList(numbers) }));
}
function outLink(href, ...children) {
const external = /^https?:/.test(href);
return h("a", {
href,
target: external ? "_blank" : null,
rel: external ? "noreferrer noopener" : null,
}, ...children, external ? h("span", { class: "vh" }, " " + t("new_tab")) : null);
}
function channelLabel(label, display) {
const at = display ? label.indexOf(display) : -1;
if (at < 0) return [label + " ", ltr(display || "")];
return [label.slice(0, at), ltr(display), label.slice(at + display.length)];
}
function channelItem(channel) {
const href = safeHref(channel.href);
const label = channelLabel(channel.label || "", channel.display);
return h("li", null,
href ? outLink(href, ...label) : h("span", null, ...label),
channel.note ? h("span", { class: "note" }, channel.note) : null);
}
function hoursLine(hours) {
if (!hours) return null;
const status = hours.status_text
? h("span", { class: "status " + (hours.status || "") }, hours.status_text)
: null;
return h("p", null, h("span", { class: "vh" }, t("hours") + ": "), status, hours.text || "");
}
function detail(label, value) {
return value ? h("div", null, h("dt", null, label), h("dd", null, value)) : null;
}
function checkedLine(service) {
if (!service.verified_on) return null;
const date = new Date(service.verified_on + "T00:00:00Z");
const shown = isNaN(date) ? service.verified_on
: new Intl.DateTimeFormat(CONFIG.locale, { dateStyle: "long", timeZone: "UTC" }).format(date);
const source = safeHref(service.source_url);
return h("p", { class: "small" },
...(service.verified_text ? [service.verified_text] : fill(t("checked"), { date: shown })),
source ? " " : null,
source ? outLink(source, t("source")) : null);
}
function serviceCard(service) {
return h("article", { class: "card", "data-kind": service.kind },
h("h3", null, service.name),
service.description ? h("p", null, service.description) : null,
h("ul", null, ...(service.channels || []).map(channelItem)),
hoursLine(service.hours),
h("dl", null,
detail(t("cost"), service.cost),
detail(t("confidentiality"), service.confidentiality),
detail(t("languages"), service.languages)),
checkedLine(service));
}
const SHIFT_WINDOW_MS = 5000;
const EXPIRED_MESSAGE_MS = 5000;
function shiftCounter(onExit, announce) {
let presses = 0;
let lastWasModified = false;
let timer = 0;
function expire() {
presses = 0;
announce(t("shift_expired"));
timer = setTimeout(() => announce(""), EXPIRED_MESSAGE_MS);
}
function reset() {
presses = 0;
clearTimeout(timer);
timer = 0;
announce("");
}
return function onKeyUp(event) {
if (document.body.dataset.govukFrontendExitThisPageKeypress) return;
if (event.key === "Shift" && !lastWasModified) {
presses += 1;
clearTimeout(timer);
if (presses >= 3) {
presses = 0;
onExit();
} else {
announce(t(presses === 1 ? "shift_2" : "shift_1"));
timer = setTimeout(expire, SHIFT_WINDOW_MS);
}
} else if (timer) {
reset();
}
lastWasModified = event.shiftKey;
};
}
const REQUEST_TIMEOUT_MS = 20000;
const CHAT_ICON = "M4 3h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z";
const MINIMISE_ICON = "M7.4 8.6 12 13.2l4.6-4.6L18 10l-6 6-6-6z";
function newSenderId() {
const bytes = crypto.getRandomValues(new Uint8Array(16));
return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
function chatRequest(sender, message) {
return {
method: "POST",
headers: { "Content-Type": "application/json" },
body: JSON.stringify({
sender,
message,
metadata: { locale: CONFIG.locale, country: CONFIG.country, client: "widget" },
}),
credentials: "omit",
referrerPolicy: "no-referrer",
cache: "no-store",
};
}
function endConversation(sender) {
fetch(CONFIG.api, { ...chatRequest(sender, "/end_chat"), keepalive: true }).catch(() => {});
}
class SignpostChat extends HTMLElement {
constructor() {
super();
this.attachShadow({ mode: "open" });
const sheet = new CSSStyleSheet();
sheet.replaceSync(CSS_TEXT);
this.shadowRoot.adoptedStyleSheets = [sheet];
this.toast = h("p", { class: "toast", role: "status" });
this.generation = 0;
this.onShift = shiftCounter(() => this.leave(), (text) => { this.toast.textContent = text; });
this.onPageShow = (event) => { if (event.persisted) this.reset(); };
this.onPageHide = () => this.wipe();
}
connectedCallback() {
this.lang = CONFIG.locale;
this.dir = direction();
this.render();
document.addEventListener("keyup", this.onShift, true);
addEventListener("pageshow", this.onPageShow);
addEventListener("pagehide", this.onPageHide);
if (CONFIG.open) this.open(false);
}
disconnectedCallback() {
document.removeEventListener("keyup", this.onShift, true);
removeEventListener("pageshow", this.onPageShow);
removeEventListener("pagehide", this.onPageHide);
this.wipe();
}
render() {
this.sender = newSenderId();
this.started = false;
this.pending = false;
const title = CONFIG.title || t("title");
this.launcher = this.button("launcher primary", () => this.open(), icon(CHAT_ICON), title);
this.launcher.setAttribute("aria-expanded", "false");
this.launcher.setAttribute("aria-controls", "panel");
this.bar = h("div", { class: "bar" }, this.launcher, this.exitButton());
this.panel = this.renderPanel(title);
const skip = h("a", { class: "skip", href: CONFIG.exitUrl, rel: "nofollow noreferrer" }, t("leave_link"));
skip.addEventListener("click", (event) => { event.preventDefault(); this.leave(); });
const root = h("div", { class: "root " + CONFIG.position }, skip, this.bar, this.panel);
if (CONFIG.accent) root.style.setProperty("--accent", CONFIG.accent);
this.toast.className = "toast " + CONFIG.position;
this.shadowRoot.replaceChildren(root, this.toast);
}
renderPanel(title) {
const minimise = this.button("min", () => this.close(), icon(MINIMISE_ICON));
minimise.setAttribute("aria-label", t("minimise"));
this.log = h("div", { class: "log", role: "log", "aria-label": t("log_label") });
this.waiting = h("p", { class: "waiting", "aria-hidden": "true", hidden: "" }, t("waiting"));
this.scroller = h("div", { class: "scroll" }, this.intro(), this.log, this.waiting);
this.input = h("input", {
id: "message", type: "text", dir: "auto", maxlength: "1000",
autocomplete: "off", spellcheck: "false",
});
const form = h("form", null,
h("div", { class: "field" }, h("label", { for: "message" }, t("input_label")), this.input),
h("button", { type: "submit", class: "primary" }, t("send")));
form.addEventListener("submit", (event) => this.onSubmit(event));
const panel = h("section", { id: "panel", class: "panel", role: "dialog", "aria-labelledby": "title", hidden: "" },
h("header", null, h("h2", { id: "title" }, title), minimise, this.exitButton()),
this.scroller,
form,
h("footer", null, this.button("secondary", () => this.endChat(), t("end_chat"))));
panel.addEventListener("keydown", (event) => {
if (event.key === "Escape") this.close();
});
return panel;
}
intro() {
return h("div", { class: "intro" },
h("h3", null, t("intro_heading")),
h("ul", null,
h("li", null, t("intro_automated")),
h("li", null, t("intro_saved")),
h("li", null, t("intro_identify")),
h("li", null, emergencyLine()),
h("li", null, t("intro_leave"))));
}
button(className, onClick, ...children) {
const button = h("button", { type: "button", class: className }, ...children);
button.addEventListener("click", onClick);
return button;
}
exitButton() {
return this.button("exit", () => this.leave(), t("leave_now"));
}
open(moveFocus = true) {
this.panel.hidden = false;
this.bar.hidden = true;
this.launcher.setAttribute("aria-expanded", "true");
if (moveFocus) this.input.focus();
if (!this.started) {
this.started = true;
this.post("/start");
}
}
close() {
this.panel.hidden = true;
this.bar.hidden = false;
this.launcher.setAttribute("aria-expanded", "false");
this.launcher.focus();
}
onSubmit(event) {
event.preventDefault();
const text = this.input.value.trim();
if (!text || this.pending) return;
this.input.value = "";
this.say(text, text);
}
choose(button) {
this.input.focus();
if (!this.pending) this.say(button.payload, button.title);
}
say(message, shown) {
this.log.querySelectorAll(".choices").forEach((choices) => choices.remove());
this.addMessage("user", null, h("p", { dir: "auto" }, shown));
this.scroller.scrollTop = this.scroller.scrollHeight;
this.post(message);
}
addMessage(who, attrs, ...content) {
const label = h("span", { class: "vh" }, t(who === "user" ? "you" : "bot") + " ");
const item = h("div", { class: "msg " + who, ...attrs }, label, ...content);
this.log.append(item);
return item;
}
async post(message) {
const generation = this.generation;
const controller = new AbortController();
const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
this.controller = controller;
this.setPending(true);
let replies = null;
try {
const response = await fetch(CONFIG.api, { ...chatRequest(this.sender, message), signal: controller.signal });
if (response.ok) replies = await response.json();
} catch (e) {
}
clearTimeout(timer);
if (generation !== this.generation) return;
this.setPending(false);
if (Array.isArray(replies)) this.showReplies(replies);
else this.showOffline();
}
setPending(pending) {
this.pending = pending;
this.waiting.hidden = !pending;
}
showReplies(replies) {
const items = replies.map((reply) => this.showReply(reply));
if (items.length) this.reveal(items[0]);
}
showReply(reply) {
const custom = reply.custom || {};
const service = custom.kind === "service" ? custom.service : null;
const item = this.addMessage("bot", { lang: custom.locale, dir: custom.dir },
service ? serviceCard(service) : h("p", null, reply.text || ""),
reply.buttons && reply.buttons.length ? this.choices(reply.buttons) : null);
if (service) item.classList.add("service");
if (custom.kind === "notice") item.classList.add("notice");
return item;
}
choices(buttons) {
return h("div", { class: "choices" },
...buttons.map((button) => {
const el = this.button("", () => this.choose(button), button.title);
el.dataset.payload = button.payload;
return el;
}));
}
showOffline() {
const item = this.addMessage("bot", null, h("p", null, t("offline")), emergencyLine());
item.classList.add("notice");
this.reveal(item);
}
reveal(item) {
this.scroller.scrollTop = item.offsetTop - 16;
}
endChat() {
endConversation(this.sender);
this.wipe();
this.launcher.focus();
this.toast.textContent = t("ended");
}
wipe() {
this.generation += 1;
if (this.controller) this.controller.abort();
this.render();
}
reset() {
this.wipe();
this.toast.textContent = "";
}
leave() {
endConversation(this.sender);
this.wipe();
const cover = h("div", { class: "cover", role: "alert" });
this.shadowRoot.append(cover);
cover.textContent = t("loading");
document.head.append(h("meta", { name: "referrer", content: "no-referrer" }));
location.replace(CONFIG.exitUrl);
}
}
if (!customElements.get("signpost-chat")) {
customElements.define("signpost-chat", SignpostChat);
const mount = () => document.body.prepend(document.createElement("signpost-chat"));
if (document.body) mount();
else document.addEventListener("DOMContentLoaded", mount);
}
})();
